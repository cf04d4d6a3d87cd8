/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An etcd YAML config file (etcd's own keys plus an {@code embedded:} section), read and checked.
 * Every problem becomes one {@link ConfigException} naming the file, line and key, with the nearest
 * known key for a misspelling. The file is only read, never written.
 *
 * <p>An application that keeps settings of its own in the same file names their keys when reading
 * it ({@code read(path, Set.of("embedded.http-port"))}) and gets their values from
 * {@link #applicationValue(String)}; every other unknown key is still an error.
 */
public final class ConfigFile {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final Path file;
    private final Set<String> applicationKeys;
    private final EtcdConfig.Builder builder = EtcdConfig.builder();
    private final Map<String, Integer> seen = new HashMap<>();
    private final Map<String, String> applicationValues = new HashMap<>();

    private ConfigFile(Path file, Set<String> applicationKeys) {
        this.file = file;
        this.applicationKeys = Set.copyOf(applicationKeys);
    }

    /** Reads and checks the file. */
    public static ConfigFile read(Path file) {
        return read(file, Set.of());
    }

    /**
     * Reads and checks the file, accepting the application's own keys besides etcd's and the library's.
     *
     * @param applicationKeys dotted keys, e.g. {@code embedded.http-port}; their values are single plain values
     */
    public static ConfigFile read(Path file, Set<String> applicationKeys) {
        ConfigFile config = new ConfigFile(file, applicationKeys);
        config.parse();
        return config;
    }

    /** The file that was read. */
    public Path path() {
        return file;
    }

    /** The file's settings, in a new builder each call: apply further settings, then {@code build()}. */
    public EtcdConfig.Builder settings() {
        return builder.toBuilderCopy();
    }

    /** The value of one of the application's own keys, when the file sets it. */
    public Optional<String> applicationValue(String key) {
        return Optional.ofNullable(applicationValues.get(key));
    }

    /** An error about a key of this file, naming the file and the key's line. */
    public ConfigException error(String key, String problem) {
        return new ConfigException(file, seen.getOrDefault(key, 0), key, problem);
    }

    private void parse() {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file, 0, null, "is a directory; pass the path of a YAML config file");
        }
        try (Reader reader = Files.newBufferedReader(file); JsonParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw new ConfigException(file, 0, null, "the file holds no settings (it is empty or only comments); "
                        + "add settings such as 'name: node-1', or pass no config file to use the defaults");
            }
            if (first != JsonToken.START_OBJECT) {
                throw error(parser, null, "the file must be a YAML mapping of keys to values (name: node-1), found "
                        + describe(first));
            }
            readSection(parser, "");
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
            if (section.isEmpty() && isSection(name)) {
                readNestedSection(parser, key, value);
                continue;
            }
            if (applicationKeys.contains(key)) {
                List<String> values = readValues(parser, key, value);
                if (values.size() > 1) {
                    throw new ConfigException(file, line, key, "expects a single value, got a list of " + values.size());
                }
                values.forEach(v -> applicationValues.put(key, v));
                continue;
            }
            if (Settings.byKey(key).isEmpty()) {
                throw new ConfigException(file, line, key, Settings.unknownKey(key, applicationKeys));
            }
            List<String> values = readValues(parser, key, value);
            if (values.isEmpty()) {
                continue;
            }
            try {
                builder.setText(key, values);
            } catch (ConfigException e) {
                throw new ConfigException(file, line, key, e.problem());
            }
            builder.recordSource(file, key, line);
        }
    }

    private boolean isSection(String name) {
        return Settings.isSection(name) || applicationKeys.stream().anyMatch(k -> k.startsWith(name + "."));
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

    private static String exampleKey(String section) {
        return Settings.all().stream().map(Setting::key).filter(k -> k.startsWith(section + "."))
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
