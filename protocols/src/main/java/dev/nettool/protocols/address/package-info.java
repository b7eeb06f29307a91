/** Parsing and printing of listen addresses and client targets: HOST:PORT, [v6]:PORT, unix:/path and URLs. */
package dev.nettool.protocols.address;
