/** Durations ({@code 500ms}, {@code 5s}, {@code 2m}) and sizes ({@code 64KB}, {@code 10MB}) as typed by people. */
package dev.nettool.protocols.unit;
