package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(5)
class HttpByteRangeTest {

  @ParameterizedTest(name = "{0} of {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "null|100|whole",
      "bytes=0-9|100|0-9",
      "bytes=10-|100|10-99",
      "bytes=90-200|100|90-99",
      "bytes=-10|100|90-99",
      "bytes=-500|100|0-99",
      "BYTES = 5-5|100|whole",
      "Bytes=5-5|100|5-5",
      "bytes= 5 - 6 |100|5-6",
      "bytes=99999999999999999999-|100|unsatisfiable",
      "bytes=0-99999999999999999999|100|0-99",
      "bytes=100-|100|unsatisfiable",
      "bytes=-0|100|unsatisfiable",
      "bytes=0-|0|unsatisfiable",
      "bytes=-5|0|unsatisfiable",
      "bytes=5-4|100|whole",
      "bytes=0-1,5-6|100|whole",
      "bytes=a-b|100|whole",
      "bytes=5|100|whole",
      "bytes=-|100|whole",
      "items=0-5|100|whole",
      "bytes=1-x|100|whole",
  })
  void selectsWhatTheHeaderAsks(String header, long size, String expected) {
    HttpByteRange r = HttpByteRange.select(header, size);
    String got = r instanceof HttpByteRange.Part p ? p.first() + "-" + p.last()
        : r instanceof HttpByteRange.Unsatisfiable ? "unsatisfiable" : "whole";
    assertThat(got).as(header).isEqualTo(expected);
  }
}
