/**
 * The web player's script, inline in every page so the output folder works opened as files and
 * needs no CDN. It reads only data attributes and element text, so no article text is ever
 * part of the script; a CSP hash pins it.
 *
 * Each `.episode` gets its own player: play/pause, skip back 15 s and forward 30 s, a seek bar,
 * speed (remembered for every episode), the current chapter and sentence highlighted, time
 * left, a resume point per episode, Podlove deep links (`#t=1:23`, `#t=83`, `#t=1:23,2:00`)
 * and the keyboard. A page's deep link applies to its first episode: the newest on the index,
 * the only one on an episode's own page.
 */
export const PLAYER_JS = `
"use strict";
(function () {
  var RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];
  var store = null;
  try {
    store = window.localStorage;
    store.setItem("presscast:probe", "1");
    store.removeItem("presscast:probe");
  } catch (e) {
    store = null;
  }
  function get(key) {
    try { return store ? store.getItem(key) : null; } catch (e) { return null; }
  }
  function put(key, value) {
    try { if (store) { if (value === null) store.removeItem(key); else store.setItem(key, value); } } catch (e) {}
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(t) {
    t = Math.max(0, Math.floor(t + 1e-6));
    var h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
    return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
  }
  /** Normal Play Time as Podlove writes it: "83", "1:23", "01:02:03.5". */
  function parseTime(text) {
    var parts = String(text).trim().split(":");
    if (parts.length > 3) return NaN;
    var total = 0;
    for (var i = 0; i < parts.length; i++) {
      if (!/^\\d+(\\.\\d+)?$/.test(parts[i])) return NaN;
      total = total * 60 + parseFloat(parts[i]);
    }
    return total;
  }
  function parseHash(hash) {
    var match = /(?:^#|&)t=([^&]*)/.exec(hash || "");
    if (!match) return null;
    var span = decodeURIComponent(match[1]).split(",");
    var start = parseTime(span[0]);
    var end = span.length > 1 ? parseTime(span[1]) : NaN;
    if (isNaN(start)) return null;
    return { start: start, end: isNaN(end) || end <= start ? null : end };
  }
  function last(items, t) {
    var found = null;
    for (var i = 0; i < items.length; i++) {
      if (parseFloat(items[i].getAttribute("data-start")) <= t + 0.001) found = items[i]; else break;
    }
    return found;
  }
  function mark(items, current) {
    for (var i = 0; i < items.length; i++) {
      var on = items[i] === current;
      items[i].classList.toggle("current", on);
      if (on) items[i].setAttribute("aria-current", "true"); else items[i].removeAttribute("aria-current");
    }
  }

  var players = [];
  var active = null;
  var savedRate = parseFloat(get("presscast:rate") || "1");
  if (RATES.indexOf(savedRate) < 0) savedRate = 1;

  Array.prototype.forEach.call(document.querySelectorAll(".episode"), function (episode) {
    var q = function (selector) { return episode.querySelector(selector); };
    var audio = q("audio");
    var play = q(".play"), seek = q(".seek"), elapsed = q(".elapsed"), left = q(".left");
    var speed = q(".speed"), now = q(".now"), box = q(".transcript"), share = q(".share"), shared = q(".shared");
    var chapters = Array.prototype.slice.call(episode.querySelectorAll(".chapters li"));
    var cues = Array.prototype.slice.call(episode.querySelectorAll(".cue"));
    var key = "presscast:position:" + episode.getAttribute("data-guid");
    var page = episode.getAttribute("data-page");
    var stopAt = null, shownCue = null, shownChapter, lastSaved = -1, dragging = false;
    var player = { episode: episode, audio: audio, toggle: toggle, skip: skip, rate: rate, span: span };
    players.push(player);
    audio.controls = false;
    episode.classList.add("enhanced");

    function total() {
      return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : parseFloat(episode.getAttribute("data-duration")) || 0;
    }
    function whenReady(fn) {
      if (audio.readyState >= 1) fn();
      else audio.addEventListener("loadedmetadata", function once() { audio.removeEventListener("loadedmetadata", once); fn(); });
    }
    function start() {
      active = player;
      var playing = audio.play();
      if (playing && playing.catch) playing.catch(function () {});
    }
    function toggle() { if (audio.paused) start(); else audio.pause(); }
    function seekTo(t) {
      whenReady(function () {
        audio.currentTime = Math.max(0, Math.min(t, total() || t));
        update();
      });
    }
    function skip(delta) { active = player; stopAt = null; seekTo(audio.currentTime + delta); }
    function rate(r) {
      audio.defaultPlaybackRate = r;
      audio.playbackRate = r;
      speed.value = String(r);
      put("presscast:rate", String(r));
      players.forEach(function (other) {
        if (other !== player) { other.audio.defaultPlaybackRate = r; other.audio.playbackRate = r; other.episode.querySelector(".speed").value = String(r); }
      });
    }
    function span(deepLink) {
      active = player;
      stopAt = deepLink.end;
      seekTo(deepLink.start);
      whenReady(start);
    }
    function save(t) {
      if (Math.abs(t - lastSaved) < 1 && !audio.paused) return;
      lastSaved = t;
      put(key, t > 1 && t < total() - 2 ? t.toFixed(1) : null);
    }
    function update() {
      var t = audio.currentTime, d = total();
      if (stopAt !== null && t >= stopAt) { stopAt = null; audio.pause(); }
      seek.max = String(d);
      if (!dragging) seek.value = String(t);
      seek.setAttribute("aria-valuetext", clock(t) + " of " + clock(d));
      elapsed.textContent = clock(t);
      left.textContent = "-" + clock(Math.max(0, d - t));
      left.setAttribute("aria-label", clock(Math.max(0, d - t)) + " left");
      var chapter = last(chapters, t);
      if (chapter !== shownChapter) {
        shownChapter = chapter;
        mark(chapters, chapter);
        var title = chapter && chapter.querySelector(".title");
        if (title) now.textContent = "Chapter: " + title.textContent;
      }
      var cue = last(cues, t);
      if (cue && t > parseFloat(cue.getAttribute("data-end")) + 0.25) cue = null;
      if (cue !== shownCue) {
        shownCue = cue;
        mark(cues, cue);
        if (cue && box) {
          var top = cue.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
          if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - cue.offsetHeight)
            box.scrollTop = Math.max(0, top - box.clientHeight / 3);
        }
      }
    }

    play.addEventListener("click", toggle);
    q(".back").addEventListener("click", function () { skip(-15); });
    q(".forward").addEventListener("click", function () { skip(30); });
    speed.addEventListener("change", function () { rate(parseFloat(speed.value)); });
    seek.addEventListener("input", function () { dragging = true; elapsed.textContent = clock(parseFloat(seek.value)); });
    seek.addEventListener("change", function () { dragging = false; stopAt = null; active = player; seekTo(parseFloat(seek.value)); });
    share.addEventListener("click", function () {
      var moment = "t=" + clock(audio.currentTime);
      var link = page ? page + "#" + moment : "#" + moment;
      if (!page) history.replaceState(null, "", "#" + moment);
      shared.href = link;
      shared.textContent = new URL(link, location.href).href;
      shared.hidden = false;
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(shared.href).catch(function () {});
    });
    episode.addEventListener("click", function (event) {
      var target = event.target.closest("[data-start]");
      if (!target || target.tagName === "A") return;
      stopAt = null;
      seekTo(parseFloat(target.getAttribute("data-start")));
      start();
    });
    episode.addEventListener("focusin", function () { active = player; });
    audio.addEventListener("timeupdate", function () { update(); save(audio.currentTime); });
    audio.addEventListener("seeked", update);
    audio.addEventListener("loadedmetadata", update);
    audio.addEventListener("play", function () {
      play.setAttribute("aria-label", "Pause");
      play.classList.add("playing");
      players.forEach(function (other) { if (other !== player && !other.audio.paused) other.audio.pause(); });
    });
    audio.addEventListener("pause", function () {
      play.setAttribute("aria-label", "Play");
      play.classList.remove("playing");
      save(audio.currentTime);
    });
    audio.addEventListener("ended", function () { put(key, null); });

    audio.defaultPlaybackRate = savedRate;
    audio.playbackRate = savedRate;
    speed.value = String(savedRate);
    var resume = parseFloat(get(key) || "");
    if (resume > 0 && !(players.length === 1 && parseHash(location.hash))) {
      seekTo(resume);
      now.textContent = "Resuming at " + clock(resume);
    }
    update();
  });

  function current() {
    var focused = document.activeElement && document.activeElement.closest && document.activeElement.closest(".episode");
    for (var i = 0; i < players.length; i++) if (players[i].episode === focused) return players[i];
    return active || players[0] || null;
  }
  function applyHash() {
    var link = parseHash(location.hash);
    if (link && players[0]) players[0].span(link);
  }
  window.addEventListener("hashchange", applyHash);
  applyHash();

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target || {};
    var tag = target.tagName;
    if (tag === "SELECT" || tag === "TEXTAREA" || (tag === "INPUT" && target.type !== "range")) return;
    var player = current();
    if (!player) return;
    var step = RATES.indexOf(player.audio.playbackRate);
    switch (event.key) {
      case " ":
        if (tag === "BUTTON" || tag === "A" || tag === "SUMMARY") return;
        player.toggle();
        break;
      case "k": player.toggle(); break;
      case "j": player.skip(-15); break;
      case "l": player.skip(30); break;
      case "ArrowLeft": if (tag === "INPUT") return; player.skip(-5); break;
      case "ArrowRight": if (tag === "INPUT") return; player.skip(5); break;
      case "<": player.rate(RATES[Math.max(0, (step < 0 ? 1 : step) - 1)]); break;
      case ">": player.rate(RATES[Math.min(RATES.length - 1, (step < 0 ? 1 : step) + 1)]); break;
      default: return;
    }
    event.preventDefault();
  });
})();
`;
