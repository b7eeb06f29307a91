/** The shared foundation of nettool: exit codes and the one domain exception every module throws. */
package dev.nettool.protocols;
