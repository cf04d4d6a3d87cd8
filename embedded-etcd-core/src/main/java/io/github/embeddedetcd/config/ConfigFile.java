package io.github.embeddedetcd.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an etcd YAML config file (etcd's own keys plus an {@code embedded:} section). Every
 * problem becomes one {@link ConfigException} naming the file, line and key, with the nearest
 * known key for a misspelling. The file is only read, never written.
 */
public final class ConfigFile {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final Path file;
    private final EtcdConfig.Builder builder = EtcdConfig.builder();
    private final Map<String, Integer> seen = new HashMap<>();

    private ConfigFile(Path file) {
        this.file = file;
    }

    /** Reads the file into a builder; apply further settings to it, then {@link EtcdConfig.Builder#build()}. */
    public static EtcdConfig.Builder read(Path file) {
        return new ConfigFile(file).parse();
    }

    private EtcdConfig.Builder parse() {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file, 0, null, "is a directory; pass the path of a YAML config file");
        }
        try (Reader reader = Files.newBufferedReader(file); JsonParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return builder;
            }
            if (first != JsonToken.START_OBJECT) {
                throw error(parser, null, "the file must be a YAML mapping of keys to values (name: node-1), found "
                        + describe(first));
            }
            readSection(parser, "");
            return builder;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, null, "config file not found (looked at " + file.toAbsolutePath()
                    + "); pass an existing file, or none to use the defaults");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(file, line, null, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read the config file: " + e);
        }
    }

    private void readSection(JsonParser parser, String section) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String key = section.isEmpty() ? name : section + "." + name;
            int line = parser.currentTokenLocation().getLineNr();
            rejectDuplicate(parser, key, line);
            JsonToken value = parser.nextToken();
            if (section.isEmpty() && ConfigKeys.SECTIONS.contains(name)) {
                readNestedSection(parser, key, value);
                continue;
            }
            ConfigKeys.Setter setter = ConfigKeys.setter(key);
            if (setter == null) {
                throw new ConfigException(file, line, key, unknownKey(key));
            }
            List<String> values = readValues(parser, key, value);
            if (values.isEmpty()) {
                continue;
            }
            try {
                setter.accept(builder, values);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, line, key, e.getMessage());
            }
            builder.recordSource(file, key, line);
        }
    }

    private void readNestedSection(JsonParser parser, String key, JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT) {
            readSection(parser, key);
        } else if (value != JsonToken.VALUE_NULL) {
            throw error(parser, key, "is a section: put its keys on indented lines below it, e.g.\n"
                    + key + ":\n  " + exampleKey(key) + ": ...");
        }
    }

    private List<String> readValues(JsonParser parser, String key, JsonToken value) throws IOException {
        List<String> values = new ArrayList<>();
        if (value == JsonToken.START_ARRAY) {
            for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                if (!item.isScalarValue()) {
                    throw error(parser, key, "list items must be plain values, found " + describe(item));
                }
                values.add(parser.getText());
            }
        } else if (value == JsonToken.START_OBJECT) {
            throw error(parser, key, "expects a value, found a nested section");
        } else if (value != JsonToken.VALUE_NULL) {
            values.add(parser.getText());
        }
        return values;
    }

    private void rejectDuplicate(JsonParser parser, String key, int line) {
        Integer first = seen.putIfAbsent(key, line);
        if (first != null) {
            throw error(parser, key, "appears twice (first at line " + first + "); keep one of them");
        }
    }

    private static String unknownKey(String key) {
        String hint = NearestKey.find(key, ConfigKeys.all())
                .map(k -> "did you mean '" + k + "'" + (k.contains(".") && !key.contains(".")
                        ? " (under the '" + k.substring(0, k.indexOf('.')) + ":' section)" : "") + "?")
                .orElse("known keys are: " + String.join(", ", ConfigKeys.all()) + ".");
        return "unknown key; " + hint + " For an etcd flag embedded-etcd does not model, list it under "
                + "embedded.extra-args (e.g. extra-args: [\"--auto-compaction-retention=1\"]).";
    }

    private static String exampleKey(String section) {
        return ConfigKeys.all().stream().filter(k -> k.startsWith(section + "."))
                .map(k -> k.substring(section.length() + 1)).findFirst().orElse("key");
    }

    private ConfigException error(JsonParser parser, String key, String problem) {
        return new ConfigException(file, parser.currentTokenLocation().getLineNr(), key, problem);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            default -> "a plain value";
        };
    }
}
