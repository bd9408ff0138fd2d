// Two fixtures at a time, among those marked [Parallelizable]: the ones that time nothing and share no cache folder they
// assert on. A TCG boot keeps both host cores busy (two boots at once take about twice as long each), so the gain is in
// what overlaps: SSH waits, guest commands, QEMU start and stop, image packing, gitlab-ci-local's jobs. Fault, signal,
// timing and cache-pruning fixtures stay [NonParallelizable] and so run alone. Two sessions booting at once in one
// process, each on its own port and run folder, is what every run of these fixtures does.
[assembly: LevelOfParallelism(2)]
