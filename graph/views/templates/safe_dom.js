  // Shared by page.html and page_webgl.html: the only ways data reaches the DOM. Text goes in with
  // textContent (never as markup), and a link is made only for an http(s) URL; anything else stays text.
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function isHttp(url) { return /^https?:\/\/[^\s"'<>]+$/.test(url); }
  function link(text, url) {
    if (!isHttp(url)) { return el("span", text); }
    var a = el("a", text);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
