namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// One pass criterion of one vehicle: the limit, what was measured (truth), and whether it held. An optional
/// criterion (<see cref="Required"/> false) is reported but does not decide the vehicle's verdict. <see cref="Measured"/>
/// is +∞ when there is nothing to measure (a waypoint never reached): print it with <see cref="MeasuredText"/>.
/// </summary>
public sealed record CriterionResult(string Name, string Unit, double Limit, double Measured, bool Passed, string Key = "", bool Required = true)
{
    /// <summary>Whether this criterion lets the vehicle pass: held, or optional.</summary>
    public bool Counts => Passed || !Required;

    /// <summary>The measured value for people: "not reached" instead of an infinite distance.</summary>
    public string MeasuredText(string format) =>
        double.IsFinite(Measured) ? Measured.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "not reached";
}
