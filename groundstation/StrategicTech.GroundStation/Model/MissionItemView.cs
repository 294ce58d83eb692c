namespace StrategicTech.GroundStation.Model;

/// <summary>One mission item as the map draws it (position items only have a meaningful latitude/longitude).</summary>
public readonly record struct MissionItemView(int Seq, int Command, double LatDeg, double LonDeg, double AltitudeM, bool HasPosition);
