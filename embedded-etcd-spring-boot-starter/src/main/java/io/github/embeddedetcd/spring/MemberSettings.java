/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.config.ConfigException;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Setting;
import io.github.embeddedetcd.config.Settings;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The member's {@link EtcdConfig} from the {@code embedded.etcd} properties, over the config file
 * they may name: each key of {@link Settings} is bound as text and set as the config file's would
 * be, so the checks and messages are the same; errors are retold with the property's name and where
 * it was set (e.g. {@code application.yaml:4}).
 */
final class MemberSettings {

    private static final Set<String> OWN_PROPERTIES = Set.of("enabled", "config");
    private static final Set<Setting<?>> PASSWORDS = Set.of(Settings.PASSWORD, Settings.PASSWORD_FILE,
            Settings.PASSWORD_ENV);

    private final EmbeddedEtcdProperties properties;
    private final Environment environment;

    MemberSettings(EmbeddedEtcdProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    EtcdConfig config() {
        EtcdConfig.Builder builder = properties.getConfig() == null ? EtcdConfig.builder()
                : ConfigFile.read(properties.getConfig()).settings();
        try {
            rejectUnknownProperties();
            apply(builder);
            return builder.build();
        } catch (ConfigException e) {
            throw retold(e);
        }
    }

    private void apply(EtcdConfig.Builder builder) {
        Binder binder = Binder.get(environment);
        if (PASSWORDS.stream().anyMatch(setting -> isSet(binder, setting))) {
            // a password set here replaces the config file's, whichever kind that was
            PASSWORDS.forEach(setting -> builder.set(setting, null));
        }
        for (Setting<?> setting : Settings.all()) {
            String property = property(setting.key());
            List<String> texts = setting.isList()
                    ? binder.bind(property, Bindable.listOf(String.class)).orElse(null)
                    : binder.bind(property, String.class).map(List::of).orElse(null);
            if (texts != null) {
                builder.setText(setting.key(), texts);
            }
        }
    }

    private static boolean isSet(Binder binder, Setting<?> setting) {
        return binder.bind(property(setting.key()), String.class).isBound();
    }

    /**
     * A misspelt property would be ignored silently; it is an error naming the nearest key instead.
     * Environment variables are left out: their names map to properties only loosely.
     */
    private void rejectUnknownProperties() {
        ConfigurationPropertyName prefix = ConfigurationPropertyName.of(EmbeddedEtcdProperties.PREFIX);
        Set<ConfigurationPropertyName> known = Stream.concat(OWN_PROPERTIES.stream().map(prefix::append),
                        Settings.all().stream().map(setting -> ConfigurationPropertyName.of(property(setting.key()))))
                .collect(Collectors.toSet());
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)
                    || source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
                continue;
            }
            iterable.filter(prefix::isAncestorOf).stream().map(MemberSettings::withoutIndex)
                    .filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
                        String misspelt = name.toString().substring(prefix.toString().length() + 1);
                        throw new ConfigException(name.toString(), "unknown property; " + Settings.nearest(misspelt)
                                .map(setting -> "did you mean '" + property(setting.key()) + "'?")
                                .orElse("see docs/configuration.md for the settings there are."));
                    });
        }
    }

    private static ConfigurationPropertyName withoutIndex(ConfigurationPropertyName name) {
        ConfigurationPropertyName plain = name;
        while (plain.getNumberOfElements() > 0 && plain.isLastElementIndexed()) {
            plain = plain.getParent();
        }
        return plain;
    }

    /** A library error about a config key, told with the property's name and where it was set. */
    private ConfigException retold(ConfigException e) {
        if (e.key().isEmpty() || e.key().get().startsWith(EmbeddedEtcdProperties.PREFIX + ".")) {
            return e;
        }
        String property = property(e.key().get());
        Optional<String> setHere = whereSet(property);
        if (e.file().isPresent() && setHere.isEmpty()) {
            return e;
        }
        ConfigException told = new ConfigException(property, e.problem() + setHere.map(where -> " (set in " + where + ")")
                .orElse(""));
        told.setStackTrace(e.getStackTrace());
        return told;
    }

    /**
     * Where a property is set, e.g. "class path resource [application.yaml] - 4:22", or the name of
     * its property source where it has no origin; empty when it is not set.
     */
    private Optional<String> whereSet(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found == null && source instanceof IterableConfigurationPropertySource iterable) {
                found = iterable.stream().filter(name::isAncestorOf).findFirst()
                        .map(source::getConfigurationProperty).orElse(null);
            }
            if (found != null) {
                return Optional.of(found.getOrigin() != null ? found.getOrigin().toString()
                        : source.getUnderlyingSource() instanceof PropertySource<?> named ? named.getName()
                        : "a property source");
            }
        }
        return Optional.empty();
    }

    /** The property of a config file key: embedded.etcd.data-dir for data-dir, embedded.etcd.user for embedded.user. */
    static String property(String key) {
        String withoutSection = key.startsWith("embedded.") ? key.substring("embedded.".length()) : key;
        return EmbeddedEtcdProperties.PREFIX + "." + withoutSection;
    }
}
