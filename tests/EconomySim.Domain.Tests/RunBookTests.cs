using EconomySim.Domain.Runs;

namespace EconomySim.Domain.Tests;

public class RunBookTests
{
    [Fact]
    public void Waking_a_phase_replaces_what_the_callers_list_held_with_the_organisations_that_act_in_index_order()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        var book = new RunBook(economy);
        var woken = new List<(int Organisation, Delivery Mail)> { (-1, new Delivery([], null)) };
        foreach (var phase in economy.Calendar.Take(3))
        {
            book.Wake(phase, woken);
            var acting = economy.Profiles.Where(p => Calendar.Acts(phase.Kind, p.Kind, hasMail: false)).Select(p => p.Index);
            Assert.Equal(acting, woken.Select(w => w.Organisation));
            Assert.All(woken, w => Assert.Empty(w.Mail.Letters));
        }
    }
}
