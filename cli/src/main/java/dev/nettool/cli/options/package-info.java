/** picocli mixins for the options every command shares, one concern each, and the converters they use. */
package dev.nettool.cli.options;
