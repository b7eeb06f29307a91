package dev.nettool.cli;

import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link CliResult}, with the whole output in every failure message. */
public final class CliResultAssert extends AbstractAssert<CliResultAssert, CliResult> {
  private CliResultAssert(CliResult actual) {
    super(actual, CliResultAssert.class);
  }

  public static CliResultAssert assertThat(CliResult actual) {
    return new CliResultAssert(actual);
  }

  public CliResultAssert exitedWith(int code) {
    isNotNull();
    if (actual.exitCode() != code) {
      failWithMessage("expected exit code %d but was %d%nstdout:%n%s%nstderr:%n%s", code, actual.exitCode(),
          actual.out(), actual.err());
    }
    return this;
  }

  public CliResultAssert hasOut(String expected) {
    isNotNull();
    if (!actual.out().equals(expected)) {
      failWithMessage("expected stdout%n<%s>%nbut was%n<%s>%nstderr:%n%s", expected, actual.out(), actual.err());
    }
    return this;
  }

  public CliResultAssert hasErr(String expected) {
    isNotNull();
    if (!actual.err().equals(expected)) {
      failWithMessage("expected stderr%n<%s>%nbut was%n<%s>", expected, actual.err());
    }
    return this;
  }

  public CliResultAssert errContains(String part) {
    isNotNull();
    if (!actual.err().contains(part)) {
      failWithMessage("expected stderr to contain <%s> but was%n<%s>", part, actual.err());
    }
    return this;
  }

  public CliResultAssert outContains(String part) {
    isNotNull();
    if (!actual.out().contains(part)) {
      failWithMessage("expected stdout to contain <%s> but was%n<%s>%nstderr:%n%s", part, actual.out(), actual.err());
    }
    return this;
  }
}
