package dev.nettool.servers.http;

/** The fixed documents some httpbin endpoints answer with: the shapes are httpbin's, the content is ours. */
final class HttpbinSamples {
  private HttpbinSamples() {}

  /** {@code /json}: httpbin's slideshow shape. */
  static final String JSON = """
      {
        "slideshow" : {
          "author" : "A. Packet",
          "date" : "date of first transmission",
          "slides" : [ {
            "title" : "Three-way handshake",
            "type" : "all"
          }, {
            "items" : [ "Why a port is only half an address", "Who closes first waits in TIME_WAIT" ],
            "title" : "Overview",
            "type" : "all"
          } ],
          "title" : "Notes on the wire"
        }
      }
      """;

  /** {@code /xml}: the same slideshow as XML. */
  static final String XML = """
      <?xml version='1.0' encoding='us-ascii'?>

      <!--  A small slideshow for parsers to chew on  -->

      <slideshow
          title="Notes on the wire"
          date="date of first transmission"
          author="A. Packet"
          >

          <!-- TITLE SLIDE -->
          <slide type="all">
            <title>Three-way handshake</title>
          </slide>

          <!-- OVERVIEW -->
          <slide type="all">
              <title>Overview</title>
              <item>Why a <em>port</em> is only half an address</item>
              <item/>
              <item>Who closes first waits in <em>TIME_WAIT</em></item>
          </slide>

      </slideshow>
      """;

  /** {@code /html}: a short page of prose. */
  static final String HTML = """
      <!DOCTYPE html>
      <html>
        <head>
          <meta charset="utf-8">
          <title>The Lighthouse Keeper's Log</title>
        </head>
        <body>
          <h1>The Lighthouse Keeper's Log</h1>
          <div>
            <p>
              Every night at dusk the keeper climbed the hundred and twelve steps, wound the clockwork, and
              lit the lamp. Ships he would never meet read his light across twenty miles of dark water and
              turned, a little, away from the rocks. He kept a log of each one he saw: a name when he could
              read it, a shape when he could not, and the hour. The log grew to forty volumes. Nobody asked
              to read it, and he did not mind; a message, he liked to say, is finished when it arrives, not
              when somebody thanks you for it. On the last page of the last volume he wrote only the time
              the lamp went out for good, and underneath, in a smaller hand: all ships accounted for.
            </p>
          </div>
        </body>
      </html>
      """;

  /** {@code /robots.txt}. */
  static final String ROBOTS = """
      User-agent: *
      Disallow: /deny
      """;

  /** {@code /deny}: what a crawler finds where robots.txt told it not to go. */
  static final String DENY = """

           .-------------------------------.
           |  NO ENTRY                     |
           |  robots.txt said so.          |
           |  Turn around, little crawler. |
           '-------------------------------'
                 \\
                  \\   [o_o]
                      /|_|\\
                       / \\
      """;

  /** {@code /encoding/utf8}: text in many scripts, to check that a client decodes UTF-8. */
  static final String UTF8 = """
      <!DOCTYPE html>
      <html>
        <head>
          <meta charset="utf-8">
          <title>UTF-8 sample</title>
        </head>
        <body>
          <h1>Unicode, encoded as UTF-8</h1>
          <pre>
      Latin with accents:   café, naïve, jalapeño, smørrebrød, Øresund, Łódź, Ćevapi
      Greek:                Καλημέρα κόσμε — αβγδεζηθ ΑΒΓΔΕΖΗΘ
      Cyrillic:             Привет, мир! Съешь же ещё этих булок
      Hebrew (RTL):         שלום עולם
      Arabic (RTL):         مرحبا بالعالم
      Devanagari:           नमस्ते दुनिया
      Thai:                 สวัสดีชาวโลก
      Chinese:              你好，世界 — 网络测试
      Japanese:             こんにちは世界 — カタカナ ひらがな
      Korean:               안녕하세요 세계
      Math:                 ∀x∈ℝ: x² ≥ 0, ∑ᵢ aᵢ ≤ ∞, √2 ≈ 1.414, ∂f/∂x ≠ 0
      Arrows and boxes:     ← ↑ → ↓ ⇄ ┌─┬─┐ │ │ │ └─┴─┘
      Currency:             € £ ¥ ₹ ₩ ₿ ¢
      Outside the BMP:      𝄞 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 🚀 🌍 (four bytes each in UTF-8)
      Combining marks:      e\u0301 (e + combining acute) vs é (precomposed)
          </pre>
        </body>
      </html>
      """;

  /** The body of {@code /status/418}. */
  static final String TEAPOT = """

          I'm a teapot, not a coffee pot.
                   ( (
                    ) )
                 ........
                 |      |]
                 \\      /
                  `----'
      """;
}
