/*
 * What the page does for readers beyond Material's own script (WCAG 2.1 AA):
 *
 * - A table or code block wider than the screen scrolls sideways inside the page. It
 *   is marked with data-archive-scroll (start, middle or end: which edges still hide
 *   something), which stylesheets/archive.css turns into faded edges, and it becomes a
 *   named region that the keyboard reaches (Tab, then the arrow keys scroll it). A row
 *   of content tabs too wide for the screen gets the faded edges only (its tabs are
 *   reached by the keyboard already).
 * - The number of search results that Material writes above the results is announced
 *   by screen readers (a live region).
 * - On narrow screens the menu button (a label for Material's hidden drawer check box)
 *   is a button the keyboard reaches: Enter or Space opens and closes the navigation,
 *   Escape closes it.
 *
 * The words come from the page (script#__archive, labels.yml in the page's language).
 */
(() => {
  "use strict"

  const config = document.getElementById("__archive")
  const words = config ? JSON.parse(config.textContent) : {}

  function edge(scroller) {
    const hidden = scroller.scrollWidth - scroller.clientWidth
    if (hidden <= 1) return null
    if (scroller.scrollLeft <= 1) return "start"
    return scroller.scrollLeft >= hidden - 1 ? "end" : "middle"
  }

  function update(scroller) {
    const state = edge(scroller)
    if (state === null) {
      scroller.removeAttribute("data-archive-scroll")
      return
    }
    scroller.setAttribute("data-archive-scroll", state)
    if (scroller.classList.contains("tabbed-labels")) return
    if (!scroller.hasAttribute("tabindex")) scroller.setAttribute("tabindex", "0")
    if (!scroller.hasAttribute("aria-label")) {
      const table = scroller.querySelector("table")
      scroller.setAttribute("role", "region")
      scroller.setAttribute("aria-label", (table ? words.wide_table : words.wide_code) || "")
    }
  }

  function watch(scroller) {
    if (scroller.dataset.archiveWatched) return
    scroller.dataset.archiveWatched = "true"
    scroller.addEventListener("scroll", () => update(scroller), { passive: true })
    new ResizeObserver(() => update(scroller)).observe(scroller)
    update(scroller)
  }

  function menuButton() {
    const toggle = document.getElementById("__drawer")
    const button = document.querySelector('label.md-header__button[for="__drawer"]')
    if (!toggle || !button || button.hasAttribute("tabindex")) return
    const sync = () => button.setAttribute("aria-expanded", String(toggle.checked))
    button.setAttribute("tabindex", "0")
    button.setAttribute("role", "button")
    button.setAttribute("aria-label", words.menu || "Menu")
    button.addEventListener("keydown", event => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault()
        event.stopPropagation()  // Material clicks focused labels on Enter itself
        toggle.click()
      }
    })
    toggle.addEventListener("change", sync)
    document.addEventListener("keydown", event => {
      if (event.key === "Escape" && toggle.checked) {
        toggle.click()
        button.focus()
      }
    })
    sync()
  }

  function mount() {
    menuButton()
    const scrollers = ".md-typeset__scrollwrap, pre > code, .tabbed-labels"
    document.querySelectorAll(`.md-typeset :is(${scrollers})`).forEach(watch)
    const meta = document.querySelector(".md-search-result__meta")
    if (meta) {
      meta.setAttribute("role", "status")
      meta.setAttribute("aria-live", "polite")
    }
  }

  // Material wraps tables when it mounts the page (document$); run after it.
  if (typeof document$ !== "undefined")
    document$.subscribe(() => setTimeout(mount))
  else
    addEventListener("DOMContentLoaded", mount)
})()
