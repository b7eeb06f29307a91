/** {@code nettool cert}: a local CA and server and client certificates as PEM files. */
package dev.nettool.cli.cert;
