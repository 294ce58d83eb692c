namespace StrategicTech.Navigation.Planning;

/// <summary>A point of a planned path with its heading: metres (or cells) in the path's frame, heading CCW from +x.</summary>
public readonly record struct PathPose(double X, double Y, double HeadingRad);
