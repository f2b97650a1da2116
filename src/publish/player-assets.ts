/**
 * The web player's inline style: a newspaper's audio edition — serif headlines on paper, one red
 * accent — with dark colours under prefers-color-scheme, and a layout that wraps down to a
 * 360 px phone without sideways scrolling.
 */

export { PLAYER_JS } from "./player-script.js";

export const PLAYER_CSS = `
:root { color-scheme: light dark; --bg: #fbf8f3; --fg: #1b1a18; --muted: #6b665e; --accent: #b0413e;
  --on-accent: #fff; --hl: #f5d76e; --hl-fg: #000; --line: #1b1a1826; --soft: #1b1a180d; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #171614; --fg: #ece7df; --muted: #a39d93; --accent: #e0716c; --on-accent: #171614;
    --hl: #6b5a12; --hl-fg: #fff; --line: #ece7df2e; --soft: #ece7df12; }
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body { font: 17px/1.55 Georgia, "Times New Roman", serif; background: var(--bg); color: var(--fg);
  max-width: 50rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
a { color: var(--accent); }
h1, h2, h3 { font-family: Georgia, "Times New Roman", serif; line-height: 1.2; }
.masthead { display: flex; gap: 1rem; align-items: center; border-top: 6px solid var(--fg);
  border-bottom: 1px solid var(--fg); padding: .75rem 0; margin-bottom: 1rem; }
.masthead img { width: 5.5rem; height: 5.5rem; flex: none; border: 1px solid var(--line); }
.masthead h1 { margin: 0; font-size: 1.9rem; }
.masthead p { margin: .25rem 0 0; color: var(--muted); }
.episode { border-bottom: 1px solid var(--line); padding: 1rem 0 1.5rem; }
.head { display: flex; gap: .9rem; align-items: flex-start; }
.art { width: 4.5rem; height: 4.5rem; flex: none; border: 1px solid var(--line); }
.episode h2 { margin: 0 0 .2rem; font-size: 1.45rem; }
.episode h2 a { color: inherit; text-decoration: none; }
.episode h2 a:hover { text-decoration: underline; }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 .5rem; font-family: system-ui, sans-serif; }
audio { width: 100%; margin: .5rem 0; }
.controls { display: none; }
.enhanced .controls { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .6rem; margin: .75rem 0 .25rem;
  font-family: system-ui, sans-serif; font-size: .95rem; }
.controls button, .controls select, .share { font: inherit; color: var(--fg); background: var(--soft);
  border: 1px solid var(--line); border-radius: 999px; padding: .35rem .7rem; cursor: pointer; min-height: 2.5rem; }
.controls .play { background: var(--accent); color: var(--on-accent); border-color: var(--accent);
  width: 3rem; height: 3rem; padding: 0; font-size: 1.1rem; }
.play::before { content: "\\25B6"; }
.play.playing::before { content: "\\275A\\275A"; font-size: .8rem; letter-spacing: -.1em; }
.timeline { display: flex; align-items: center; gap: .5rem; flex: 1 1 100%; min-width: 0; order: 5; }
.seek { flex: 1; min-width: 0; accent-color: var(--accent); }
.time, .elapsed, .left { font-variant-numeric: tabular-nums; color: var(--muted); }
.now { margin: .25rem 0; font-style: italic; min-height: 1.5em; }
.keys { color: var(--muted); font: .8rem/1.4 system-ui, sans-serif; margin: .25rem 0 .5rem; }
.enhanced .keys { display: block; }
.keys, .share, .shared { display: none; }
.enhanced .share { display: inline-block; }
.shared:not([hidden]) { display: inline; font: .85rem system-ui, sans-serif; margin-left: .5rem; }
kbd { font: .75rem ui-monospace, monospace; border: 1px solid var(--line); border-radius: .25rem; padding: 0 .25rem; }
.chapters { list-style: none; padding: 0; margin: .5rem 0; font-family: system-ui, sans-serif; font-size: .95rem; }
.chapters li { display: flex; align-items: baseline; gap: .25rem; }
.chapters button, .cue { font: inherit; color: inherit; background: none; border: 0; padding: .15rem .3rem;
  cursor: pointer; text-align: left; border-radius: .25rem; }
.chapters button { flex: 1; min-width: 0; }
.chapters button:hover, .cue:hover { background: var(--soft); }
.chapters .current button { background: var(--accent); color: var(--on-accent); }
.chapters .time { margin-right: .5rem; }
.chapters .current .time { color: inherit; }
.chapter-link { font-size: .8rem; text-decoration: none; padding: .15rem .3rem; }
details { margin-top: .5rem; }
summary { cursor: pointer; font-family: system-ui, sans-serif; }
.transcript { max-height: 24rem; overflow: auto; position: relative; padding-right: .5rem; }
.transcript h3 { font-size: 1.05rem; margin: 1rem 0 .25rem; }
.turn { margin: .25rem 0 .6rem; }
.speaker { display: block; font: 600 .8rem system-ui, sans-serif; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); }
.cue { display: inline; padding: 0 .1rem; }
.cue.current { background: var(--hl); color: var(--hl-fg); }
.downloads { font-family: system-ui, sans-serif; font-size: .9rem; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
@media (max-width: 30rem) { body { padding: .75rem; } .masthead h1 { font-size: 1.5rem; } .art { width: 3.5rem; height: 3.5rem; } }
`;
