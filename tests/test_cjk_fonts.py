"""Chinese text renders as glyphs, not as empty boxes, in headless Chromium on this machine.

README's test command and .ci/run install ``fonts-noto-cjk``; without a CJK font the test fails (it is
never skipped): every Chinese character would draw as the same missing-glyph box. Whether a font is
installed is measured (Latin text set in it is not as wide as in a generic family):
``document.fonts.check('16px "Noto Sans CJK SC"')`` says true in Chromium even when no such font exists.
"""
from __future__ import annotations

from pathlib import Path

#: The font stack of the project's page.
FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
NAMED = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"]
LABEL = "清华大学"
#: Codepoints no font has a glyph for: the last private-use plane's last codepoint, and a private-use one.
MISSING = ["\U0010fffd", "\ue000"]

PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>cjk</title></head>
<body><canvas id="c" width="200" height="60"></canvas>
<script>
var STACK = %(stack)s;
var canvas = document.getElementById("c"), ctx = canvas.getContext("2d", {willReadFrequently: true});
function draw(text, font) {
  ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#000000"; ctx.font = font; ctx.textBaseline = "middle"; ctx.fillText(text, 4, 30);
  var px = ctx.getImageData(0, 0, canvas.width, canvas.height).data, ink = 0, bits = [];
  for (var i = 0; i < px.length; i += 4) {
    var dark = px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200;
    if (dark) { ink++; }
    bits.push(dark ? 1 : 0);
  }
  return {ink: ink, bits: bits.join(""), width: ctx.measureText(text).width};
}
// A font is installed when Latin text set in it (with a generic fallback) is not as wide as in the fallback alone.
function installed(family) {
  return ["monospace", "serif"].every(function (generic) {
    ctx.font = '32px "' + family + '", ' + generic; var w = ctx.measureText("mmmmmmmmmwwwwwiiiiil").width;
    ctx.font = "32px " + generic; return w !== ctx.measureText("mmmmmmmmmwwwwwiiiiil").width;
  });
}
window.result = {
  label: draw(%(label)s, "32px " + STACK),
  chars: %(chars)s.map(function (c) { return draw(c, "32px " + STACK); }),
  missing: %(missing)s.map(function (c) { return draw(c, "32px " + STACK); }),
  installed: %(named)s.filter(installed),
};
</script></body></html>
"""


def measure(browser, tmp_path: Path) -> dict:
    """Draw the label, each of its characters and the missing codepoints on a canvas; return the pixels."""
    import json

    page_file = tmp_path / "cjk.html"
    page_file.write_text(PAGE % {"stack": json.dumps(FONT_STACK), "label": json.dumps(LABEL),
                                 "chars": json.dumps(list(LABEL)), "missing": json.dumps(MISSING),
                                 "named": json.dumps(NAMED)}, encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_function("window.result !== undefined", timeout=30000)
        return page.evaluate("window.result")
    finally:
        context.close()


def test_chinese_labels_draw_as_glyphs_of_a_cjk_font(browser, tmp_path):
    r = measure(browser, tmp_path)
    assert r["installed"], f"none of {NAMED} is installed: apt-get install fonts-noto-cjk"
    assert r["label"]["ink"] > 200, "the label leaves ink on the canvas"
    boxes = {m["bits"] for m in r["missing"]}
    chars = [c["bits"] for c in r["chars"]]
    assert all(c["ink"] > 50 for c in r["chars"])
    assert not boxes & set(chars), "a Chinese character draws as the missing-glyph box"
    assert len(set(chars)) == len(LABEL), "each character draws differently (boxes would all be alike)"
    assert abs(r["label"]["width"] - 32 * len(LABEL)) < 2, "a CJK font sets each ideograph one em wide"


def test_the_stack_resolves_to_noto_sans_cjk_on_debian(browser, tmp_path):
    r = measure(browser, tmp_path)
    assert "Noto Sans CJK SC" in r["installed"], "fonts-noto-cjk provides Noto Sans CJK SC"


def test_readme_and_ci_install_the_cjk_font():
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    test_command = next(line for line in readme.splitlines() if "python -m pytest" in line and "apt-get" in line)
    assert "fonts-noto-cjk" in test_command
    assert "fonts-noto-cjk" in (root / ".ci" / "run").read_text(encoding="utf-8")
