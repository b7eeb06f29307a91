/** {@code nettool wait-for}: wait until targets accept connections, then run a command. */
package dev.nettool.cli.wait;
