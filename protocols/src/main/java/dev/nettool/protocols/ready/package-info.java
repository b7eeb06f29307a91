/** Telling the world a server is ready: ready file, pid file and the systemd notify socket. */
package dev.nettool.protocols.ready;
