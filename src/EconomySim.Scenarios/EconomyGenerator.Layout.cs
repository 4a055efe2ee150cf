using EconomySim.Domain;

namespace EconomySim.Scenarios;

public static partial class EconomyGenerator
{
    /// <summary>One layout computation; the random stream is drawn in a fixed order (commissioners, trusts, GP federations, councils).</summary>
    private sealed partial class Layout(OrganisationStructure s, SimulationRandom random)
    {
        private readonly int _commissioners = s.Commissioners;
        private int[] _region = [];
        private long[] _population = [];
        private double[] _need = [];

        public List<OrganisationProfile> Organisations()
        {
            var result = new List<OrganisationProfile>(1 + s.Commissioners + s.AcuteTrusts + s.CommunityTrusts + s.MentalHealthTrusts + s.GpFederations + s.Councils)
            {
                new NationalFunderProfile(0, "NF", "National funder"),
            };
            var (gpCounts, councilCounts) = LayOutCommissioners(result);
            var acute = LayOutTrusts(result, TrustType.Acute, s.AcuteTrusts, s.GeneralAndAcuteBeds, "TRA", "Acute trust", s.Names.AcuteTrusts);
            LayOutTrusts(result, TrustType.Community, s.CommunityTrusts, s.CommunityBeds, "TRC", "Community trust", s.Names.CommunityTrusts);
            LayOutTrusts(result, TrustType.MentalHealth, s.MentalHealthTrusts, s.MentalHealthBeds, "TRM", "Mental health trust", s.Names.MentalHealthTrusts);
            LayOutGpFederations(result, gpCounts, acute);
            LayOutCouncils(result, councilCounts, acute);
            return result;
        }

        private double[] Draw(int n, Func<double> draw)
        {
            var values = new double[n];
            for (var i = 0; i < n; i++) values[i] = draw();
            return values;
        }

        /// <summary>Mean 1 whatever the spread, so spreads move sizes around without moving the totals.</summary>
        private double LogNormal(double sigma) => Math.Exp(sigma * random.NextStandardNormal() - sigma * sigma / 2);
    }
}
