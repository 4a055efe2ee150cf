using System.CommandLine;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;

namespace EconomySim.Cli;

/// <summary>The economysim command line: parsing, and turning every failure into one clear line and an exit code.</summary>
public static class CliApp
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show details (stack traces, engine warnings) when something goes wrong",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("EconomySim: an actor-based simulation of a health and care economy.")
        {
            Verbose,
            RunCommand.Create(stdout, stderr),
            ValidateCommand.Create(stdout),
            ExperimentCommand.Create(stdout, stderr),
            WorkerCommand.Create(stdout, stderr),
            StoreCommands.Runs(stdout),
            StoreCommands.Show(stdout),
            StoreCommands.Resume(stdout, stderr),
            DashboardCommand.Create(stderr),
            AnalysisCommands.Compare(stdout),
            AnalysisCommands.Export(stdout),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = string.Join(' ', parsed.CommandResult.Command == root ? ["economysim"] : new[] { "economysim", parsed.CommandResult.Command.Name });
            var message = parsed.Errors[0].Message;
            if (message.StartsWith("Required argument missing", StringComparison.Ordinal))
                message = "FILE is missing: name a scenario file, e.g. configs/greater-manchester.yaml";
            await stderr.WriteLineAsync($"{command}: {message} (see '{command} --help')");
            return ExitCodes.BadInput;
        }
        var verbose = parsed.GetValue(Verbose);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = stdout, Error = stderr });
        }
        catch (ScenarioException e)
        {
            await stderr.WriteLineAsync(e.Message);
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return ExitCodes.BadInput;
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"economysim: {e.Message}");
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return ExitCodes.BadInput;
        }
        catch (StoreException e)
        {
            await stderr.WriteLineAsync($"economysim: {e.Message}");
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return ExitCodes.StoreUnavailable;
        }
        catch (RunNotFoundException e)
        {
            await stderr.WriteLineAsync($"economysim: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (RunFailedException e)
        {
            await stderr.WriteLineAsync($"economysim: the run stopped: {e.Message}");
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return ExitCodes.RunFailed;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("economysim: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync($"economysim: internal error: {e.Message}{(verbose ? "" : " (run again with --verbose for details)")}");
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return ExitCodes.InternalError;
        }
    }

    /// <summary>An integer option whose bad values are explained with the range allowed.</summary>
    public static Option<int> IntOption(string name, string description, int? defaultValue, int min, int max)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (!int.TryParse(token, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    result.AddError($"{name}: '{token}' is not a whole number; allowed: {min} to {max}");
                    return 0;
                }
                if (value < min || value > max) result.AddError($"{name}: {value} is out of range; allowed: {min} to {max}");
                return value;
            },
        };
        if (defaultValue is { } d) option.DefaultValueFactory = _ => d;
        return option;
    }

    public static Option<long> SeedOption()
    {
        return new Option<long>("--seed")
        {
            Description = "Seed of the organisations' random streams (same file, seed and version: same history)",
            DefaultValueFactory = _ => 1,
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (!long.TryParse(token, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 0)
                {
                    result.AddError($"--seed: '{token}' is not a whole number from 0 to {long.MaxValue}");
                    return 0;
                }
                return value;
            },
        };
    }

    /// <summary>Where histories are kept; parsed up front so a bad store is reported before anything starts.</summary>
    public static Option<HistoryStore> StoreOption(string defaultStore = "sqlite") => new("--store")
    {
        Description = $"Where run histories are kept: none, sqlite (the default, {HistoryStore.DefaultSqlitePath}), sqlite:PATH, postgres:CONNECTION-STRING (or the ECONOMYSIM_STORE variable)",
        DefaultValueFactory = _ => HistoryStore.Parse(Environment.GetEnvironmentVariable("ECONOMYSIM_STORE") ?? defaultStore),
        CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : defaultStore;
            try
            {
                return HistoryStore.Parse(token);
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
                return HistoryStore.None;
            }
        },
    };

    public static Argument<string> ScenarioFileArgument() => new("FILE") { Description = "Scenario file (YAML), e.g. configs/greater-manchester.yaml" };
}
