using System.Runtime.InteropServices;

namespace EconomySim.Domain;

/// <summary>One outgoing letter: a recipient, all items for it this phase, and the money in them.</summary>
public sealed record OutgoingLetter(int Recipient, LetterItems Items, Money Money);

/// <summary>
/// What an organisation's activation produced: letters, history events, outcome contributions and money moved. The
/// organisation writes into it; the engine (actor or sequential loop) delivers it. Reused between activations.
/// </summary>
public sealed class StepContext
{
    private readonly List<OutgoingLetter> _letters = [];
    // Each organisation's letter in this activation (its place in the lists below), or -1. Indexed by organisation so
    // that starting an activation resets only the recipients of the last one: a table cleared whole grew with the widest
    // activation ever seen (the funder's, to every commissioner and council), and clearing it took a tenth of a run at
    // scale 100, a cost per activation that grew with the economy.
    private readonly int[] _letterOf;
    // A letter's items gather in a list kept from one activation to the next, and leave as the letter's own items.
    private readonly List<List<EconomyMessage>> _items = [];
    private readonly List<Money> _letterMoney = [];
    private readonly List<int> _recipients = [];
    private readonly List<HistoryEvent> _events = [];
    private readonly long[] _outcomes = new long[MetricCatalogue.Count];
    // An activation moves a few of the catalogue's metrics: those it touched are listed, so nothing walks the whole table.
    private readonly List<int> _touched = [];

    public StepContext(EconomyIndex economy)
    {
        Economy = economy;
        _letterOf = new int[economy.Count];
        Array.Fill(_letterOf, -1);
    }

    public EconomyIndex Economy { get; }
    public EconomyParameters Parameters => Economy.Parameters;
    public CalendarPhase Phase { get; private set; } = null!;

    public Money Received { get; private set; }
    public Money Sent { get; private set; }
    public Money ExternalIncome { get; private set; }
    public Money ExternalSpending { get; private set; }

    public IReadOnlyList<HistoryEvent> Events => _events;

    /// <summary>The metrics this activation moved, in catalogue order, with what it added to each.</summary>
    public (int[] Metrics, long[] Values) OutcomeContributions()
    {
        var moved = 0;
        foreach (var m in _touched)
            if (_outcomes[m] != 0) moved++;
        if (moved == 0) return ([], []);
        _touched.Sort();
        var metrics = new int[moved];
        var values = new long[moved];
        var i = 0;
        foreach (var m in _touched)
        {
            if (_outcomes[m] == 0) continue;
            metrics[i] = m;
            values[i++] = _outcomes[m];
        }
        return (metrics, values);
    }

    public void Begin(CalendarPhase phase)
    {
        Phase = phase;
        for (var i = 0; i < _letters.Count; i++) _items[i].Clear();
        _letters.Clear();
        foreach (var recipient in _recipients) _letterOf[recipient] = -1;
        _letterMoney.Clear();
        _recipients.Clear();
        _events.Clear();
        foreach (var m in _touched) _outcomes[m] = 0;
        _touched.Clear();
        Received = Sent = ExternalIncome = ExternalSpending = Money.Zero;
    }

    public void Send(int recipient, EconomyMessage message)
    {
        var slot = _letterOf[recipient];
        if (slot < 0)
        {
            slot = _letters.Count;
            _letterOf[recipient] = slot;
            if (slot == _items.Count) _items.Add([]);
            _letterMoney.Add(Money.Zero);
            _recipients.Add(recipient);
            _letters.Add(null!);
        }
        _items[slot].Add(message);
        if (message is Payment payment) _letterMoney[slot] += payment.Amount;
    }

    /// <summary>Pays another organisation. Money leaves this organisation now and reaches the payee when it is delivered.</summary>
    public void Pay(int recipient, Money amount, PaymentPurpose purpose)
    {
        if (amount < Money.Zero) throw new ArgumentOutOfRangeException(nameof(amount), amount, "A payment cannot be negative.");
        if (amount == Money.Zero) return;
        Send(recipient, new Payment(amount, purpose));
        Sent += amount;
    }

    /// <summary>Money entering the modelled economy from outside it (the Treasury's vote, council tax).</summary>
    public void ReceiveExternally(Money amount)
    {
        if (amount < Money.Zero) throw new ArgumentOutOfRangeException(nameof(amount));
        ExternalIncome += amount;
    }

    /// <summary>Money leaving the modelled economy (staff, suppliers, care homes outside it).</summary>
    public void SpendExternally(Money amount)
    {
        if (amount < Money.Zero) throw new ArgumentOutOfRangeException(nameof(amount));
        ExternalSpending += amount;
    }

    internal void Credit(Money amount) => Received += amount;

    public void Record(HistoryEvent e) => _events.Add(e);

    public void Add(Metric metric, long value)
    {
        if (value == 0) return;
        if (_outcomes[(int)metric] == 0 && !_touched.Contains((int)metric)) _touched.Add((int)metric);
        _outcomes[(int)metric] = checked(_outcomes[(int)metric] + value);
    }

    public void Add(Metric metric, Money value) => Add(metric, value.Pence);

    /// <summary>The letters this activation has sent, one per recipient.</summary>
    public int LetterCount => _recipients.Count;

    /// <summary>The recipient of the letter at <paramref name="letter"/>, in the order letters were first addressed.</summary>
    public int RecipientOf(int letter) => _recipients[letter];

    /// <summary>The money in the letter at <paramref name="letter"/>.</summary>
    public Money MoneyIn(int letter) => _letterMoney[letter];

    /// <summary>The items of the letter at <paramref name="letter"/>, held apart from the list they gathered in, which stays.</summary>
    public LetterItems ItemsOf(int letter) => LetterItems.Create(CollectionsMarshal.AsSpan(_items[letter]));

    public IReadOnlyList<OutgoingLetter> Letters
    {
        get
        {
            for (var i = 0; i < _letters.Count; i++)
                if (_letters[i] is null)
                    _letters[i] = new OutgoingLetter(_recipients[i], ItemsOf(i), _letterMoney[i]);
            return _letters;
        }
    }
}
