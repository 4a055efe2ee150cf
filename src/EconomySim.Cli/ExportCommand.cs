using System.CommandLine;
using EconomySim.Engine.Persistence;
using EconomySim.History;

namespace EconomySim.Cli;

/// <summary>export: a stored run, or a whole stored experiment, as one tidy long table in CSV or Parquet.</summary>
public static class ExportCommand
{
    private const string LevelHelp =
        "Grain of the table: system (the default): the whole economy, every metric in every period; " +
        "kind: summed by organisation kind (national_funder, commissioner, trust, gp_federation, council); " +
        "region: summed by region, shares and ratios computed per region; " +
        "organisation: each organisation's own part, with its kind and region. " +
        "Kind and organisation leave out shares and ratios, which do not add up; below system a series that is zero throughout " +
        "is left out, and the run is recomputed and checked against its stored digest";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var run = StoreCommands.RunArgument();
        run.Arity = ArgumentArity.ZeroOrOne;
        var experiment = ExperimentResults.Option("Export by financial year, in one table,");
        var store = CliApp.StoreOption();
        var format = new Option<string>("--format") { Description = "csv or parquet", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var level = new Option<string>("--level") { Description = LevelHelp, DefaultValueFactory = _ => "system" };
        level.AcceptOnlyFromAmong("system", "kind", "region", "organisation");
        var output = new Option<string>("--out") { Description = "Folder to write into", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing export" };
        var command = new Command("export",
            "Write a stored run (by simulated month) or a whole experiment (--experiment, by financial year) as one tidy long table: " +
            "experiment, variant, [design_point, parameters], replication, seed, scenario, run_id, [kind, region, organisation], year, date, metric, unit, value")
        {
            run, experiment, store, format, level, output, force,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var directory = parse.GetValue(output)!;
            OutputTarget.CheckFolder("--out", directory);
            var (id, name) = (parse.GetValue(run), parse.GetValue(experiment));
            if (id is null && name is null) throw new UsageException("export: name a stored run (RUN), or --experiment NAME for every replication of a stored experiment");
            if (id is not null && name is not null) throw new UsageException($"--experiment: name a run or an experiment, not both (run named: {id})");
            var grain = Enum.Parse<ExportLevel>(parse.GetValue(level)!, ignoreCase: true);
            var historyStore = parse.GetValue(store)!.ForReading();
            var registry = await RunLedger.OpenExistingAsync(historyStore);
            StoreNotice.Opened(historyStore, stderr);
            var extension = parse.GetValue(format)!;
            var all = await registry.ListAsync();
            // An experiment's name where a run is expected means the whole experiment, unless a run has that very id.
            if (name is null && all.Any(r => r.Experiment == id) && all.All(r => r.RunId != id)) name = id;
            IReadOnlyList<RunRecord> records;
            string path;
            if (name is not null)
            {
                records = ExperimentResults.RunsOf(all, name, historyStore);
                path = Target(directory, $"{name}.{extension}", parse.GetValue(force));
            }
            else
            {
                var record = await registry.FindAsync(id!);
                if (record.Status != RunStatus.Completed)
                    throw new UsageException($"export: run '{record.RunId}' is {RunRegistry.StatusText(record.Status)}; only a completed run is exported ('{historyStore.ResumeCommand(record.RunId)}' carries it on)");
                records = [record];
                path = Target(directory, $"{record.RunId}.{extension}", parse.GetValue(force));
            }
            var runs = await ExperimentResults.ReadAsync(records, historyStore, parse.GetValue(CliApp.Verbose), cancellation);
            var columns = ExportColumns.For(grain, runs);
            var rows = Export.Rows(runs, grain, name is null ? ExportPeriod.Month : ExportPeriod.Year);
            try
            {
                await WriteExportAsync(path, partial => extension == "csv" ? ExportColumns.WriteCsv(rows, columns, partial) : ExportColumns.WriteParquet(rows, columns, partial));
            }
            catch (RecomputedRunDiffersException e)
            {
                throw new UsageException($"--level {grain.ToString().ToLowerInvariant()}: {e.Message}: the code has changed since it ran, and the store keeps only the system's totals; export it with --level system, or with the build it was run with");
            }
            await stdout.WriteLineAsync(path);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Target(string directory, string file, bool force)
    {
        var path = Path.Combine(directory, file);
        if (Directory.Exists(path))
            throw new UsageException($"--out: '{path}' is a folder; the export is written as this file");
        if (File.Exists(path) && !force)
            throw new UsageException($"--out: '{path}' exists; add --force to overwrite it");
        return path;
    }

    /// <summary>Written beside the target and moved into place, so a failed export, whatever stops it, never leaves half a file.</summary>
    private static async Task WriteExportAsync(string path, Func<string, Task> write)
    {
        var partial = path + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await write(partial);
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (OutputTarget.IsWriteError(e))
        {
            throw OutputTarget.WriteFailed("--out", path, e);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }
}
