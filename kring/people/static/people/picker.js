// The resident picker as a combobox: htmx fetches the matches while typing (see picker.py);
// this script makes the list usable with keyboard and mouse and announces what happened.
// Without it the text field still works: the server searches when the form is sent.
(function () {
  "use strict";

  function parts(input) {
    var picker = input.closest("[data-picker]");
    return {
      picker: picker,
      listbox: document.getElementById(input.getAttribute("aria-controls")),
      status: picker.querySelector("[data-picker-status]"),
      value: picker.querySelector("[data-picker-value]"),
      chosen: picker.querySelector("[data-picker-chosen]")
    };
  }

  function options(listbox) {
    return Array.prototype.slice.call(listbox.querySelectorAll("[role=option][data-value]"));
  }

  function announce(p, text) {
    if (p.status) { p.status.textContent = text; }
  }

  function close(input) {
    var p = parts(input);
    if (!p.listbox) { return; }
    p.listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(input, index) {
    var p = parts(input), list = options(p.listbox);
    if (!list.length) { return; }
    index = (index + list.length) % list.length;
    list.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", list[index].id);
    list[index].scrollIntoView({ block: "nearest" });
  }

  function current(input) {
    var p = parts(input), list = options(p.listbox);
    for (var i = 0; i < list.length; i++) {
      if (list[i].getAttribute("aria-selected") === "true") { return i; }
    }
    return -1;
  }

  function choose(input, option) {
    var p = parts(input), name = option.getAttribute("data-name"), pk = option.getAttribute("data-value");
    if (p.chosen) {
      var exists = p.chosen.querySelector("input[value='" + pk + "']");
      if (exists) {
        exists.checked = true;
      } else {
        var item = document.createElement("li"), label = document.createElement("label"), box = document.createElement("input");
        box.type = "checkbox";
        box.name = input.name.replace(/_search$/, "");
        box.value = pk;
        box.checked = true;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + name));
        item.appendChild(label);
        p.chosen.appendChild(item);
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
      input.value = "";
    } else {
      input.value = name;
      p.value.value = pk;
      p.value.dispatchEvent(new Event("change", { bubbles: true }));
    }
    close(input);
    announce(p, p.picker.getAttribute("data-chosen").replace("%s", name));
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var listbox = event.detail.target;
    if (!listbox.matches || !listbox.matches(".picker-options")) { return; }
    var input = document.querySelector("[aria-controls='" + listbox.id + "']");
    var p = parts(input), count = options(listbox).length, text;
    listbox.hidden = count === 0 || input.value.trim() === "";
    input.setAttribute("aria-expanded", listbox.hidden ? "false" : "true");
    input.removeAttribute("aria-activedescendant");
    if (input.value.trim() === "") { return; }
    if (count === 0) { text = p.picker.getAttribute("data-found-none"); }
    else if (count === 1) { text = p.picker.getAttribute("data-found-one"); }
    else { text = p.picker.getAttribute("data-found-many").replace("%s", count); }
    announce(p, text);
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-picker-input][role=combobox]")) { return; }
    var p = parts(input), open = !p.listbox.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options(p.listbox).length) { return; }
      event.preventDefault();
      p.listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      var at = current(input);
      highlight(input, event.key === "ArrowDown" ? at + 1 : (at < 0 ? -1 : at - 1));
    } else if (event.key === "Enter" && open && current(input) >= 0) {
      event.preventDefault();  // choose, do not send the form yet
      choose(input, options(p.listbox)[current(input)]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close(input);
    }
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest && event.target.closest(".picker-options [role=option][data-value]");
    if (option) {
      var input = document.querySelector("[aria-controls='" + option.parentNode.id + "']");
      choose(input, option);
      input.focus();
      return;
    }
    document.querySelectorAll("[data-picker-input][aria-expanded=true]").forEach(function (input) {
      if (!input.closest("[data-picker]").contains(event.target)) { close(input); }
    });
  });
})();
