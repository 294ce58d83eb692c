namespace StrategicTech.GroundStation.App;

/// <summary>The ground station's top-level views (tabs; keys F1-F4).</summary>
public enum ViewKind
{
    Fly,
    Parameters,
    Inspector,
    Plan,
}
