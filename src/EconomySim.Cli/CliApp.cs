using System.CommandLine;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;

namespace EconomySim.Cli;

/// <summary>The economysim command line: parsing, and turning every failure into one clear line and an exit code.</summary>
public static partial class CliApp
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show details (stack traces, engine warnings) when something goes wrong",
        Recursive = true,
    };

    /// <param name="interrupted">Cancelled when the user asks the command to stop (<see cref="Interruption"/>).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken interrupted = default)
    {
        var root = new RootCommand("EconomySim: an actor-based simulation of a health and care economy.")
        {
            Verbose,
            RunCommand.Create(stdout, stderr),
            ValidateCommand.Create(stdout),
            ExperimentCommand.Create(stdout, stderr),
            WorkerCommand.Create(stdout, stderr),
            StoreCommands.Runs(stdout, stderr),
            StoreCommands.Show(stdout, stderr),
            StoreCommands.Resume(stdout, stderr),
            DashboardCommand.Create(stderr),
            AnalysisCommands.Compare(stdout, stderr),
            ExportCommand.Create(stdout, stderr),
            FitCommand.Create(stdout, stderr),
            CalibrateCommand.Create(stdout, stderr),
            AnalyseCommand.Create(stdout, stderr),
            MetricsCommand.Create(stdout, stderr),
            BenchCommand.Create(stdout, stderr),
            BenchCommand.ScaleProbe(stdout),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = string.Join(' ', parsed.CommandResult.Command == root ? ["economysim"] : new[] { "economysim", parsed.CommandResult.Command.Name });
            var message = CommandLineMistakes.Unplaced(parsed) ?? CommandLineMistakes.Joined(parsed.Errors[0].Message);
            if (message.StartsWith("Required argument missing", StringComparison.Ordinal))
                message = parsed.CommandResult.Command.Name == "fit"
                    ? "RUN|FILE is missing: name a stored run or a scenario file, e.g. configs/greater-manchester.yaml"
                    : "FILE is missing: name a scenario file, e.g. configs/greater-manchester.yaml";
            await stderr.WriteLineAsync(OneLine($"{command}: {message} (see '{command} --help')"));
            return ExitCodes.BadInput;
        }
        var verbose = parsed.GetValue(Verbose);
        try
        {
            // The command line's own signal handling is off: Interruption has the signals from the program's first line.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null, Output = stdout, Error = stderr }, interrupted);
        }
        catch (ScenarioException e)
        {
            await stderr.WriteLineAsync(OneLine(HidePasswordInFileName(e)));
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return ExitCodes.BadInput;
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync(OneLine($"economysim: {e.Message}"));
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return ExitCodes.BadInput;
        }
        catch (StoreException e)
        {
            await stderr.WriteLineAsync(OneLine($"economysim: {e.Message}"));
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return ExitCodes.StoreUnavailable;
        }
        catch (RunNotFoundException e)
        {
            await stderr.WriteLineAsync(OneLine($"economysim: {e.Message}"));
            return ExitCodes.BadInput;
        }
        catch (RunFailedException e)
        {
            await stderr.WriteLineAsync(OneLine($"economysim: the run stopped: {e.Message}"));
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return ExitCodes.RunFailed;
        }
        catch (RunCancelledException e)
        {
            await stderr.WriteLineAsync(OneLine($"economysim: cancelled; '{e.ResumeCommand}' carries it on"));
            return ExitCodes.Cancelled;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("economysim: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync(OneLine($"economysim: internal error: {e.Message}{(verbose ? "" : " (run again with --verbose for details)")}"));
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// A message as one line whatever it quotes: a value or path that holds line breaks or control characters (a
    /// mangled file, a pasted argument) is shown with them escaped, so the message stays one line on any terminal.
    /// Anything in it that looks like a password (a connection string given where a file was expected) is hidden.
    /// </summary>
    /// <remarks>
    /// Bounded in length too: a quoted value shows its first <see cref="ScenarioError.MaxQuoted"/> characters and any
    /// other word (a path, a store) its first <see cref="ScenarioError.MaxPath"/>, each followed by "...".
    /// </remarks>
    public static string OneLine(string message)
    {
        message = QuotedPassword().Replace(message, "$1***");
        message = LongQuotedValue().Replace(message, m => $"'{ScenarioError.Bounded(m.Groups[1].Value)}'");
        message = LongWord().Replace(message, m => ScenarioError.BoundedPath(m.Value));
        if (!message.Any(char.IsControl)) return message;
        var text = new System.Text.StringBuilder(message.Length + 8);
        foreach (var c in message.TrimEnd('\r', '\n'))
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => " ",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return text.ToString();
    }

    // A value in single quotes: the opening quote follows a space, a colon, a bracket or '=' and is followed by a
    // character that is not a space, and the closing quote ends a word, so neither an apostrophe in a word ("run's")
    // nor the end of one short quoted value is taken for the start of another. A command to type ('economysim resume
    // RUN --store ...') is kept whole: shortened, it could not be typed as printed.
    [System.Text.RegularExpressions.GeneratedRegex("(?<=^|[\\s:(=])'(?!economysim )([^'\\s][^'\\n]{79,}[^'\\s])'(?=$|[\\s;:,.)])")]
    private static partial System.Text.RegularExpressions.Regex LongQuotedValue();

    [System.Text.RegularExpressions.GeneratedRegex("[^\\s]{241,}")]
    private static partial System.Text.RegularExpressions.Regex LongWord();

    /// <summary>
    /// A scenario message whose file name looks like a connection string (given where a file belongs) with the password
    /// in the name hidden on its own, so that what the message says after the name ("file not found") is kept.
    /// </summary>
    private static string HidePasswordInFileName(ScenarioException e)
    {
        var shown = ScenarioError.BoundedPath(e.File);
        if (!e.Message.StartsWith(shown, StringComparison.Ordinal)) return e.Message;
        return QuotedPassword().Replace(shown, "$1***") + e.Message[shown.Length..];
    }

    // Stops at a quote as well as at ';', so that a password already hidden inside a quoted value leaves the rest of the
    // message be; and passes over a password already hidden (*** then a separator), which the text after it is not.
    [System.Text.RegularExpressions.GeneratedRegex("((?:password|pwd)\\s*=\\s*)(?!\\*\\*\\*(?:[;'\":\\s]|$))[^;'\"\\n]*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex QuotedPassword();

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
        DefaultValueFactory = result => StoreFromEnvironment(result, defaultStore),
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

    public const string StoreVariable = HistoryStore.Variable;

    /// <summary>
    /// The store <see cref="StoreVariable"/> names, or <paramref name="defaultStore"/> where it is unset or empty. A bad
    /// value is a parse error naming the variable, so every command that takes a store refuses it in one line.
    /// </summary>
    private static HistoryStore StoreFromEnvironment(System.CommandLine.Parsing.ArgumentResult result, string defaultStore)
    {
        var value = Environment.GetEnvironmentVariable(StoreVariable);
        if (string.IsNullOrWhiteSpace(value)) return HistoryStore.Parse(defaultStore);
        try
        {
            return HistoryStore.Parse(value);
        }
        catch (ArgumentException e)
        {
            const string flag = "--store: ";
            var reason = e.Message.StartsWith(flag, StringComparison.Ordinal) ? e.Message[flag.Length..] : e.Message;
            result.AddError($"{StoreVariable}: {reason} (the variable sets the default for --store)");
            return HistoryStore.None;
        }
    }

    public static Option<HistoryCadence> HistoryCadenceOption() => new("--history-cadence")
    {
        Description = "How often each organisation writes its events to the store: year (the default, fastest), month, or phase (the history follows the run phase by phase); the history and digest are the same",
        DefaultValueFactory = _ => HistoryCadence.Year,
        CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (HistoryCadences.TryParse(token, out var cadence)) return cadence;
            result.AddError($"--history-cadence: '{token}' is not a cadence; allowed: {string.Join(", ", HistoryCadences.Names)}");
            return HistoryCadence.Year;
        },
    };

    public static Argument<string> ScenarioFileArgument() => new("FILE") { Description = "Scenario file (YAML), e.g. configs/greater-manchester.yaml" };
}
