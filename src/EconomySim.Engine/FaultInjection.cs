namespace EconomySim.Engine;

/// <summary>
/// A deliberate failure inside one organisation's decision, for proving that a run stops cleanly, names where it
/// stopped, keeps a consistent history and can be resumed once the fault is gone. Off unless the variable
/// <see cref="Variable"/> is set, as <c>CODE@PHASE</c>: the organisation's code and the calendar index of the phase in
/// which its decision throws. Nothing else in a run reads it, so a run without it is the run it always was.
/// </summary>
public sealed record InjectedFault(string Organisation, int Phase)
{
    public const string Variable = "ECONOMYSIM_INJECT_FAULT";

    /// <summary>The fault the environment asks for, or null. Throws <see cref="ArgumentException"/> with a message fit for the user.</summary>
    public static InjectedFault? FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    public static InjectedFault? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var at = text.LastIndexOf('@');
        if (at <= 0 || !int.TryParse(text.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var phase))
            throw new ArgumentException($"{Variable}: '{text}' is not a fault; allowed: ORGANISATION-CODE@PHASE-INDEX, e.g. GM-TRUST-01@20, or unset");
        return new InjectedFault(text[..at].Trim(), phase);
    }

    public bool Strikes(string organisation, int phase) => phase == Phase && organisation == Organisation;
}

/// <summary>The failure an <see cref="InjectedFault"/> raises inside an organisation's decision.</summary>
public sealed class InjectedFaultException(string organisation, int phase)
    : Exception($"fault injected by {InjectedFault.Variable} into {organisation}'s decision in phase {phase}");
