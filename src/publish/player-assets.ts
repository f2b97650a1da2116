/**
 * The web player's inline style and script. Inline so index.html works opened as a file and
 * needs no CDN; the script reads only data attributes, so no article text is ever embedded in it.
 */

export const PLAYER_CSS = `
:root { color-scheme: light dark; --accent: #b0413e; --muted: #777; }
body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 0 auto; padding: 1rem; }
header { display: flex; gap: 1rem; align-items: center; }
header img { width: 6rem; height: 6rem; object-fit: cover; border-radius: .5rem; }
.episode { border-top: 1px solid #8884; padding: 1rem 0; }
.episode h2 { margin: 0 0 .25rem; }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 .5rem; }
audio { width: 100%; }
.chapters { list-style: none; padding: 0; margin: .5rem 0; }
.chapters button, .cue { font: inherit; color: inherit; background: none; border: 0; padding: .1rem .25rem;
  cursor: pointer; text-align: left; border-radius: .25rem; }
.chapters button:hover, .cue:hover { background: #8882; }
.chapters .current button { background: var(--accent); color: #fff; }
.time { font-variant-numeric: tabular-nums; color: var(--muted); margin-right: .5rem; }
.current .time { color: inherit; }
details { margin-top: .5rem; }
.transcript { max-height: 24rem; overflow: auto; position: relative; padding-right: .5rem; }
.transcript h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.turn { margin: .25rem 0 .5rem; }
.speaker { font-weight: 600; margin-right: .25rem; }
.cue { display: inline; padding: 0 .1rem; }
.cue.current { background: #f5d76e; color: #000; }
`;

/**
 * Wires every episode: a click on anything with `data-start` seeks its episode's audio there
 * and plays; as it plays, the current chapter and sentence are highlighted and the transcript
 * follows. Only one episode plays at a time.
 */
export const PLAYER_JS = `
"use strict";
(function () {
  var episodes = Array.prototype.slice.call(document.querySelectorAll(".episode"));
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
  episodes.forEach(function (episode) {
    var audio = episode.querySelector("audio");
    var chapters = Array.prototype.slice.call(episode.querySelectorAll(".chapters li"));
    var cues = Array.prototype.slice.call(episode.querySelectorAll(".cue"));
    var box = episode.querySelector(".transcript");
    var shownCue = null;
    episode.addEventListener("click", function (event) {
      var target = event.target.closest("[data-start]");
      if (!target) return;
      audio.currentTime = parseFloat(target.getAttribute("data-start"));
      update();
      var playing = audio.play();
      if (playing && playing.catch) playing.catch(function () {});
    });
    function update() {
      var t = audio.currentTime;
      mark(chapters, last(chapters, t));
      var cue = last(cues, t);
      mark(cues, cue);
      if (cue && cue !== shownCue && box) {
        shownCue = cue;
        var top = cue.offsetTop - box.clientHeight / 3;
        box.scrollTop = Math.max(0, top);
      }
    }
    audio.addEventListener("timeupdate", update);
    audio.addEventListener("seeked", update);
    audio.addEventListener("play", function () {
      episodes.forEach(function (other) {
        var a = other.querySelector("audio");
        if (a !== audio && !a.paused) a.pause();
      });
    });
  });
})();
`;
