using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(EconomySim.Benchmarks.EnglandRunBenchmarks).Assembly).Run(args);
