// A small toolbar over textareas marked data-rich-text, with Quill. Without JavaScript the
// textarea itself is the editor. The server sanitises whatever arrives (nh3), so this is
// comfort, not security.
(function () {
  "use strict";

  // The picture button: choose a file, send it to Kring (which checks and re-encodes it), and
  // put the address Kring gives back in the text, with a short description as alt text.
  function pickImage(quill, textarea) {
    var input = document.createElement("input");
    input.type = "file";
    input.accept = "image/jpeg,image/png,image/webp";
    input.addEventListener("change", function () {
      if (!input.files.length) { return; }
      var data = new FormData();
      data.append("image", input.files[0]);
      var token = textarea.form.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(textarea.getAttribute("data-image-upload"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" }
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        if (!result.ok) {
          window.alert(textarea.getAttribute("data-image-failed") + " " + (result.body.error || ""));
          return;
        }
        var alt = window.prompt(textarea.getAttribute("data-image-alt-question")) || "";
        var range = quill.getSelection(true);
        quill.insertEmbed(range.index, "image", result.body.url, "user");
        quill.root.querySelectorAll("img").forEach(function (img) {
          if (img.getAttribute("src") === result.body.url && !img.hasAttribute("alt")) {
            img.setAttribute("alt", alt);
          }
        });
        quill.setSelection(range.index + 1, 0, "user");
      }).catch(function () {
        window.alert(textarea.getAttribute("data-image-failed"));
      });
    });
    input.click();
  }
  // Every control of the toolbar gets a name in the page's language (from the textarea's
  // data-toolbar-labels): screen readers hear "Soort tekst", not an unnamed button or "Normal".
  function nameToolbar(toolbar, textarea) {
    var labels = {};
    try { labels = JSON.parse(textarea.getAttribute("data-toolbar-labels") || "{}"); } catch (e) { return; }
    if (!toolbar || !toolbar.classList || !toolbar.classList.contains("ql-toolbar")) { return; }
    toolbar.setAttribute("role", "toolbar");
    toolbar.querySelectorAll("button").forEach(function (button) {
      var format = (button.className.match(/ql-(\w+)/) || [])[1];
      var key = button.value ? format + "-" + button.value : format;
      if (labels[key] || labels[format]) { button.setAttribute("aria-label", labels[key] || labels[format]); }
    });
    toolbar.querySelectorAll(".ql-picker.ql-header").forEach(function (picker) {
      picker.querySelectorAll(".ql-picker-item").forEach(function (item) {
        var value = item.getAttribute("data-value");
        var text = labels[value ? "header-" + value : "header-normal"];
        if (text) { item.setAttribute("data-label", text); item.setAttribute("aria-label", text); }
      });
      var label = picker.querySelector(".ql-picker-label");
      if (label) {
        var selected = picker.querySelector(".ql-picker-item.ql-selected") || picker.querySelector(".ql-picker-item:not([data-value])");
        if (selected) { label.setAttribute("data-label", selected.getAttribute("data-label") || ""); }
        label.setAttribute("aria-label", labels.header || "");
      }
    });
    var tooltip = toolbar.parentNode.querySelector(".ql-tooltip");
    if (tooltip) {
      // Quill writes these words with CSS; public.css reads them from these attributes.
      var action = tooltip.querySelector("a.ql-action");
      var remove = tooltip.querySelector("a.ql-remove");
      if (labels["tooltip-visit"]) { tooltip.setAttribute("data-visit", labels["tooltip-visit"]); }
      if (labels["tooltip-enter"]) { tooltip.setAttribute("data-enter", labels["tooltip-enter"]); }
      if (action && labels["tooltip-edit"]) { action.setAttribute("data-edit", labels["tooltip-edit"]); }
      if (action && labels["tooltip-save"]) { action.setAttribute("data-save", labels["tooltip-save"]); }
      if (remove && labels["tooltip-remove"]) { remove.setAttribute("data-remove", labels["tooltip-remove"]); }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Quill) { return; }
    document.querySelectorAll("textarea[data-rich-text]").forEach(function (textarea) {
      var holder = document.createElement("div");
      holder.className = "rich-editor";
      textarea.parentNode.insertBefore(holder, textarea.nextSibling);
      var uploadUrl = textarea.getAttribute("data-image-upload");
      var toolbar = [
        [{ header: [2, 3, false] }],
        ["bold", "italic"],
        ["link", "blockquote"],
        [{ list: "ordered" }, { list: "bullet" }],
        ["clean"]
      ];
      var formats = ["header", "bold", "italic", "link", "blockquote", "list"];
      if (uploadUrl) {
        toolbar[2].push("image");
        formats.push("image");
      }
      var quill = new Quill(holder, {
        theme: "snow",
        modules: {
          toolbar: {
            container: toolbar,
            handlers: uploadUrl ? { image: function () { pickImage(quill, textarea); } } : {}
          }
        },
        formats: formats
      });
      nameToolbar(holder.previousSibling, textarea);
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
        // Quill's semantic HTML writes every space as &nbsp;: lines would then not wrap (a
        // newsletter on a phone scrolls sideways), so spaces go back to plain spaces.
        var html = quill.getLength() > 1 ? quill.getSemanticHTML() : "";
        textarea.value = html.replace(/&nbsp;|\u00a0/g, " ");
      });
    });
  });
})();
