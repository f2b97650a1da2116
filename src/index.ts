/**
 * presscast as a library: the pipeline the command line runs, and the types it passes between
 * stages. Options are plain data and inputs are paths, URLs or `{ name, bytes }`, so a job queue
 * can pass them on as they are. Everything not exported here is internal.
 */

export type { BuiltEpisode } from "./episode/build.js";
export { type BuildEpisodesResult, buildEpisodes } from "./episode/episodes.js";
export type { BuildEpisodesOptions } from "./episode/options.js";
export { type InputSource, readScript } from "./episode/read-script.js";
export { type RebuildFeedOptions, rebuildFeed } from "./episode/rebuild-feed.js";
export { type LoadedVoices, type LoadVoicesOptions, loadVoices } from "./episode/voices.js";
export { InputError, InterruptedError, WorkError } from "./errors.js";
export { DEFAULT_CONFIG, loadPodcastConfig, type PodcastConfig } from "./publish/config.js";
export type { RebuiltFeed } from "./publish/publish.js";
export { renderScript } from "./script-file/text-form.js";
export { type RunningServer, type ServeOptions, serve } from "./serve/serve.js";
export type { VoiceProfile } from "./speech/profile.js";
export type { Engine, EngineDescriptor, VoiceInfo } from "./synthesize/engine.js";
export { closeEngines, ENGINES, engineNames, loadEngine } from "./synthesize/registry.js";
export type * from "./types.js";
