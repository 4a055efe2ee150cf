namespace EconomySim.Domain.Organisations;

/// <summary>How a commissioner divides its allocation; reforms move these shares from one year to the next.</summary>
public sealed record BudgetShares(double Acute, double Community, double MentalHealth, double PrimaryCare, double Prevention, double Pooled, double OtherServices, double Reserve)
{
    public static BudgetShares From(CommissioningParameters p) =>
        new(p.AcuteShare, p.CommunityShare, p.MentalHealthShare, p.PrimaryCareShare, p.PreventionShare, p.PooledShare, p.OtherServicesShare, p.ReserveShare);

    public double[] AsWeights() => [Acute, Community, MentalHealth, PrimaryCare, Prevention, Pooled, OtherServices, Reserve];

    /// <summary>An adopted reconfiguration moves a share of acute spend, half to community and half to primary care.</summary>
    public BudgetShares ShiftFromAcute(double shareOfAcute)
    {
        var moved = Acute * shareOfAcute;
        return this with { Acute = Acute - moved, Community = Community + moved / 2, PrimaryCare = PrimaryCare + moved / 2 };
    }
}
