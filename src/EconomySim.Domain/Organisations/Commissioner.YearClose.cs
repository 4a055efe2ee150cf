namespace EconomySim.Domain.Organisations;

/// <summary>The year's close: surplus reported and unearned transformation money returned.</summary>
public sealed partial class Commissioner
{
    private void CloseYear(StepContext context)
    {
        var surplus = _incomeThisYear - _spentThisYear;
        // Transformation money not earned goes back to the national funder.
        var unearned = _transformationHeld - _transformationPaid;
        context.Pay(Economy.Funder.Index, unearned, PaymentPurpose.TransformationFund);
        _transformationHeld = _transformationPaid = Money.Zero;
        context.Send(Economy.Funder.Index, new YearEndReport(context.Phase.Year, surplus, _incomeThisYear));
        context.Add(Metric.CommissionerSurplus, surplus);
        context.Record(new YearClosed(context.Phase.Index, context.Phase.Year, _incomeThisYear, _spentThisYear, surplus, Cash + context.Received - unearned));
    }
}
