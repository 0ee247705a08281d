/*
 * The archive's search worker. It speaks the message protocol of Material for MkDocs'
 * search worker (setup, ready, query, result), so Material's search box, result list
 * and keyboard handling stay as they are, but it loads nothing until a reader types:
 * then only the index files for the typed words (w/), the titles of the matching pages
 * (t/) and the sections of the best ones (p/), from the reader's language's index
 * (partnership_archive/search_index.py writes them). Every file is a script calling
 * archiveSearch.receive(), so the same files load on a web server (importScripts in a
 * worker) and from file:// (script elements in the iframe that stands in for a worker).
 */
(() => {
  "use strict"

  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  const BEST = 10          // results shown with their sections and an excerpt
  const EXCERPT = 240      // characters around the first match

  const script = typeof document !== "undefined" && document.currentScript
  const here = new URL(script ? script.src : self.location.href)
  // The iframe stand-in appends "?<time>" to our address: read our own parameters only.
  const params = new URLSearchParams(here.search.split("?").slice(0, 2).join("?"))
  const folder = params.get("index") || ""
  const chunk = Number(params.get("chunk")) || 200
  const root = new URL(`../../${folder ? folder + "/" : ""}search/archive/`, here)

  const received = new Map()
  const loading = new Map()
  let latest = 0

  self.archiveSearch = {
    receive(name, data) { received.set(name, data) }
  }

  /* One index file, or null if it does not exist (a word nobody wrote) */
  function load(name) {
    if (!loading.has(name))
      loading.set(name, new Promise(resolve => {
        const url = new URL(`${name}.js`, root).href
        const done = () => resolve(received.has(name) ? received.get(name) : null)
        if (typeof document !== "undefined") {
          const element = document.createElement("script")
          element.src = url
          element.onload = done
          element.onerror = done
          document.body.appendChild(element)
        } else {
          try { importScripts(url) } catch (error) { /* missing: no such words */ }
          done()
        }
      }))
    return loading.get(name)
  }

  function fold(text) {
    return text.toLowerCase().replace(/ß/g, "ss").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
  }

  function words(text) {
    return [...new Set(fold(text).match(/[\p{L}\p{N}]+/gu) || [])].filter(w => w.length > 1)
  }

  function shardName(word) {
    const bytes = new TextEncoder().encode([...word].slice(0, 3).join(""))
    return "w/" + [...bytes].map(b => b.toString(16).padStart(2, "0")).join("")
  }

  function decode(postings) {
    const ids = []
    let id = 0
    for (const gap of postings ? postings.split(".") : []) {
      id += parseInt(gap, 36)
      ids.push(id)
    }
    return ids
  }

  /* Pages containing `term`, with its weight on each: in the title, in a heading, often
     in the text, in the text at all (the four lists of an index entry); a word that only
     starts with the term counts half as much as the word itself */
  const WEIGHTS = [10, 4, 2, 1]
  async function pagesWith(term) {
    const shard = await load(shardName(term)) || {}
    const weights = new Map()
    for (const [word, lists] of Object.entries(shard)) {
      if (word !== term && (term.length < 3 || !word.startsWith(term)))
        continue
      const factor = word === term ? 1 : 0.5
      lists.forEach((postings, list) => {
        for (const id of decode(postings))
          weights.set(id, Math.max(weights.get(id) || 0, WEIGHTS[list] * factor))
      })
    }
    return weights
  }

  function escape(text) {
    return text.replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[c])
  }

  /* Where in `text` a term starts, ignoring case and diacritics (folding keeps length
     for the letters the archive's languages use; a mismatch only shifts the excerpt) */
  function firstMatch(text, terms) {
    const folded = fold(text)
    const found = terms.map(term => folded.indexOf(term)).filter(i => i >= 0)
    return found.length ? Math.min(...found) : -1
  }

  function highlight(text, terms) {
    let out = escape(text)
    for (const term of terms) {
      const pattern = new RegExp(`(${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[\\p{L}\\p{N}]*)`, "giu")
      out = out.replace(pattern, "<mark>$1</mark>")
    }
    return out
  }

  function excerpt(text, terms) {
    const at = firstMatch(text, terms)
    const start = Math.max(0, at - EXCERPT / 3)
    const cut = text.slice(start, start + EXCERPT)
    return highlight(`${start > 0 ? "… " : ""}${cut}${start + EXCERPT < text.length ? " …" : ""}`, terms)
  }

  function presence(text, terms) {
    const folded = fold(text)
    return Object.fromEntries(terms.map(term => [term, folded.includes(term)]))
  }

  async function search(query) {
    const terms = words(query)
    if (!terms.length)
      return []
    let scores = null
    for (const weights of await Promise.all(terms.map(pagesWith))) {
      const next = new Map()
      for (const [id, weight] of weights)
        if (!scores || scores.has(id))
          next.set(id, (scores ? scores.get(id) : 0) + weight)
      scores = next
    }
    const ranked = [...scores].sort(([a, x], [b, y]) => y - x || a - b)
    const chunks = [...new Set(ranked.map(([id]) => Math.floor(id / chunk)))]
    const titles = new Map(await Promise.all(chunks.map(async n => [n, await load(`t/${n}`)])))
    const best = await Promise.all(ranked.slice(0, BEST).map(([id]) => load(`p/${id}`)))
    return ranked.map(([id, score], rank) => {
      const { f: folders, p: rows } = titles.get(Math.floor(id / chunk))
      const [folder, name, title] = rows[id % chunk]
      const location = folders[folder] + name
      // Material puts titles, texts and tags into the page as HTML: all are escaped here.
      const page = { location, title: highlight(title, terms), text: "", score, terms: presence(title, terms) }
      const details = best[rank]
      if (!details)
        return [page]
      if (details.g.length)
        page.tags = details.g.map(escape)
      const all = details.s.map(([, heading, text]) => `${heading} ${text}`).join(" ")
      page.terms = presence(`${title} ${all}`, terms)
      const [intro] = details.s
      if (intro && !intro[0])
        page.text = excerpt(intro[2], terms)
      const sections = details.s
        .filter(([anchor, heading, text]) => anchor && firstMatch(`${heading} ${text}`, terms) >= 0)
        .map(([anchor, heading, text]) => ({
          location: `${location}#${anchor}`,
          title: highlight(heading, terms),
          text: excerpt(text, terms),
          // Material shows sections scoring as high as their page at once, others folded
          score: firstMatch(heading, terms) >= 0 ? score : score * 0.9,
          terms: presence(`${heading} ${text}`, terms)
        }))
      return [page, ...sections]
    })
  }

  self.addEventListener("message", async ({ data: message }) => {
    if (message.type === SETUP) {
      self.postMessage({ type: READY })
    } else if (message.type === QUERY) {
      const number = ++latest
      const items = await search(message.data)
      if (number === latest)  // a later query has overtaken this one: drop it
        self.postMessage({ type: RESULT, data: { items } })
    }
  })
})()
