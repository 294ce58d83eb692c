namespace StrategicTech.Navigation.Localization;

/// <summary>A source of standard normal draws (a struct, so the filter's inner loop calls it without boxing).</summary>
public interface IStandardNormalSource
{
    double NextStandardNormal();
}
