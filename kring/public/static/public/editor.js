// A small toolbar over textareas marked data-rich-text, with Quill. Without JavaScript the
// textarea itself is the editor. The server sanitises whatever arrives (nh3), so this is
// comfort, not security.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Quill) { return; }
    document.querySelectorAll("textarea[data-rich-text]").forEach(function (textarea) {
      var holder = document.createElement("div");
      holder.className = "rich-editor";
      textarea.parentNode.insertBefore(holder, textarea.nextSibling);
      var quill = new Quill(holder, {
        theme: "snow",
        modules: {
          toolbar: [
            [{ header: [2, 3, false] }],
            ["bold", "italic"],
            ["link", "blockquote"],
            [{ list: "ordered" }, { list: "bullet" }],
            ["clean"]
          ]
        },
        formats: ["header", "bold", "italic", "link", "blockquote", "list"]
      });
      quill.clipboard.dangerouslyPasteHTML(textarea.value);
      // Screen readers hear the field's own label and help text on the editing area.
      var editable = holder.querySelector(".ql-editor");
      editable.setAttribute("role", "textbox");
      editable.setAttribute("aria-multiline", "true");
      if (textarea.id) {
        var label = document.querySelector('label[for="' + textarea.id + '"]');
        if (label) {
          if (!label.id) { label.id = textarea.id + "_label"; }
          editable.setAttribute("aria-labelledby", label.id);
        }
        if (textarea.getAttribute("aria-describedby")) {
          editable.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
        }
      }
      textarea.hidden = true;
      textarea.form.addEventListener("submit", function () {
        textarea.value = quill.getLength() > 1 ? quill.getSemanticHTML() : "";
      });
    });
  });
})();
