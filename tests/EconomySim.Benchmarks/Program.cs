using BenchmarkDotNet.Running;
using EconomySim.Benchmarks;

// `dotnet run -c Release -- telemetry-cost [PAIRS] [all|metrics|traces|dashboard]` times telemetry off and on in
// alternated pairs (see TelemetryCostBenchmarks.Paired); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "telemetry-cost")
{
    TelemetryCostBenchmarks.Paired(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 2 ? args[2] : "all", Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(EnglandRunBenchmarks).Assembly).Run(args);
