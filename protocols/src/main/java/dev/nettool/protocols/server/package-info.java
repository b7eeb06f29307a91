/** The shape every nettool server has, whatever its protocol, so that one run loop serves them all. */
package dev.nettool.protocols.server;
