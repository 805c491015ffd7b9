/* Accessible autocomplete (ARIA 1.2 combobox with a listbox), suggestions fetched with htmx.
 *
 * Markup: see templates/widgets/autocomplete.html. Keyboard: type, then ↓/↑ to move,
 * Entrée to choose, Échap to close. With `data-multiple`, each choice becomes a removable chip.
 * Without JavaScript the typed text is submitted and the server picks the best suggestion.
 */
(function () {
  "use strict";

  function setup(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var input = root.querySelector("[role=combobox]");
    var listbox = root.querySelector("[role=listbox]");
    var status = root.querySelector("[data-status]");
    var hidden = root.querySelector("input[type=hidden][data-value]");
    var chips = root.querySelector("[data-chips]");
    var multiple = root.dataset.multiple === "true";
    var timer = null;
    var active = -1;

    function options() { return Array.prototype.slice.call(listbox.querySelectorAll("[role=option]")); }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function addChip(value, label) {
      if (chips.querySelector("input[value='" + CSS.escape(value) + "']")) return;
      var item = document.createElement("li");
      item.className = "chip";
      var text = document.createElement("span");
      text.textContent = label;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "chip-remove";
      remove.setAttribute("aria-label", "Retirer : " + label);
      remove.textContent = "×";
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = root.dataset.name;
      field.value = value;
      item.append(text, remove, field);
      chips.appendChild(item);
    }

    function choose(option) {
      var value = option.dataset.value;
      var label = option.dataset.label;
      if (multiple) {
        addChip(value, label);
        input.value = "";
        status.textContent = "Ajouté : " + label;
      } else {
        input.value = label;
        hidden.value = value;
        status.textContent = "Choisi : " + label;
      }
      close();
      root.dispatchEvent(new CustomEvent("autocomplete:choose", { bubbles: true, detail: { value: value, label: label } }));
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < 2) { listbox.innerHTML = ""; close(); return; }
      var url = root.dataset.source + "?q=" + encodeURIComponent(text) + "&list=" + encodeURIComponent(listbox.id);
      var boostFrom = root.dataset.boostFrom && document.getElementById(root.dataset.boostFrom);
      if (boostFrom && boostFrom.value) url += "&boost=" + encodeURIComponent(boostFrom.value);
      htmx.ajax("GET", url, { target: listbox, swap: "innerHTML" });
    }

    input.addEventListener("input", function () {
      if (!multiple && hidden) hidden.value = "";
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });

    listbox.addEventListener("htmx:afterSwap", function () {
      var count = options().length;
      listbox.hidden = count === 0;
      input.setAttribute("aria-expanded", count ? "true" : "false");
      active = -1;
      status.textContent = count
        ? count + (count > 1 ? " suggestions" : " suggestion") + ", utilisez les flèches haut et bas puis Entrée."
        : "Aucune suggestion.";
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden && options().length > 0;
      if (event.key === "ArrowDown") { event.preventDefault(); if (open) highlight(active + 1); else fetchSuggestions(); }
      else if (event.key === "ArrowUp") { if (open) { event.preventDefault(); highlight(active - 1); } }
      else if (event.key === "Enter") { if (open && active >= 0) { event.preventDefault(); choose(options()[active]); } }
      else if (event.key === "Escape") { if (open) { event.preventDefault(); close(); } }
      else if (event.key === "Tab") { close(); }
    });

    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) choose(option);
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });

    if (chips) {
      chips.addEventListener("click", function (event) {
        var button = event.target.closest(".chip-remove");
        if (!button) return;
        var item = button.closest("li");
        status.textContent = "Retiré : " + item.querySelector("span").textContent;
        item.remove();
        input.focus();
      });
    }
  }

  function setupAll(scope) {
    (scope || document).querySelectorAll("[data-autocomplete]").forEach(setup);
  }

  document.addEventListener("DOMContentLoaded", function () { setupAll(document); });
  document.addEventListener("htmx:load", function (event) { setupAll(event.target); });
})();
