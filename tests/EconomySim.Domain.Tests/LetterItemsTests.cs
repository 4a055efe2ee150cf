using System.Text.Json;

namespace EconomySim.Domain.Tests;

public class LetterItemsTests
{
    private static readonly Payment Grant = new(new Money(1_200), PaymentPurpose.SocialCareGrant);
    private static readonly PatientFlow Flow = new(3, 2, 1, 9);
    private static readonly PoolReply Reply = new(2017, Accepted: true);

    public static TheoryData<EconomyMessage[]> Lists => new() { Array.Empty<EconomyMessage>(), new EconomyMessage[] { Grant }, new EconomyMessage[] { Grant, Flow, Reply } };

    [Theory]
    [MemberData(nameof(Lists))]
    public void A_letter_reads_back_its_items_in_the_order_they_were_written_however_many_there_are(EconomyMessage[] written)
    {
        LetterItems items = written;
        Assert.Equal(written.Length, items.Count);
        for (var i = 0; i < written.Length; i++) Assert.Same(written[i], items[i]);
        var enumerated = new List<EconomyMessage>();
        foreach (var item in items) enumerated.Add(item);
        Assert.Equal(written, enumerated);
        Assert.Throws<ArgumentOutOfRangeException>(() => items[written.Length]);
    }

    [Fact]
    public void Letters_with_the_same_items_in_the_same_order_are_equal_and_a_different_order_is_not()
    {
        Assert.Equal(new Letter(4, 7, [Grant, Flow]), new Letter(4, 7, [new Payment(new Money(1_200), PaymentPurpose.SocialCareGrant), Flow]));
        Assert.NotEqual(new Letter(4, 7, [Grant, Flow]), new Letter(4, 7, [Flow, Grant]));
        Assert.NotEqual(new Letter(4, 7, [Grant]), new Letter(4, 7, [Grant, Flow]));
        Assert.Equal(new Letter(4, 7, []), new Letter(4, 7, default));
    }

    [Fact]
    public void A_letters_items_are_written_as_a_list_whether_it_holds_one_item_or_several()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
            {
                Modifiers =
                {
                    info =>
                    {
                        if (info.Type != typeof(EconomyMessage)) return;
                        info.PolymorphismOptions = new() { DerivedTypes = { new(typeof(Payment), "payment"), new(typeof(PatientFlow), "patient-flow") } };
                    },
                },
            },
        };
        foreach (var items in new LetterItems[] { [Grant], [Grant, Flow], [] })
        {
            var json = JsonSerializer.Serialize(items, options);
            Assert.StartsWith("[", json);
            Assert.Equal(items, JsonSerializer.Deserialize<LetterItems>(json, options));
        }
    }

    [Fact]
    public void A_context_reused_after_an_activation_that_wrote_to_many_starts_the_next_with_only_its_own_letters()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        var context = new StepContext(economy);
        var phase = economy.Calendar[0];
        context.Begin(phase);
        for (var recipient = 0; recipient < economy.Count; recipient++) context.Send(recipient, Flow);
        context.Send(3, Reply);
        Assert.Equal(economy.Count, context.LetterCount);
        Assert.Equal(2, context.ItemsOf(3).Count);

        context.Begin(phase);
        context.Pay(5, new Money(900), PaymentPurpose.ContractPayment);
        context.Send(3, Reply);
        context.Send(5, Flow);
        Assert.Equal(2, context.LetterCount);
        Assert.Equal([5, 3], Enumerable.Range(0, 2).Select(context.RecipientOf));
        Assert.Equal(new Money(900), context.MoneyIn(0));
        Assert.Equal(Money.Zero, context.MoneyIn(1));
        Assert.Equal([typeof(Payment), typeof(PatientFlow)], context.ItemsOf(0).Select(i => i.GetType()));
        Assert.Equal([Reply], context.ItemsOf(1));
    }
}
