// Two boot fixtures at a time: a TCG guest keeps about one host core busy while it boots (its init is mostly serial),
// so two fixtures side by side finish in far less time than one after the other (docs/2026-12-01-suites.md: 2 shards
// 556 s against 802 s unsharded). Only fixtures marked [Parallelizable] take part: those that time nothing;
// fault, measure and concurrency fixtures stay [NonParallelizable] and so run alone.
[assembly: LevelOfParallelism(2)]
