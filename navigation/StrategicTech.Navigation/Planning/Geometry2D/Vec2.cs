namespace StrategicTech.Navigation.Planning.Geometry2D;

/// <summary>
/// A 2-D point or vector in metres. On the local NED plane X is north and Y is east (so headings are measured
/// clockwise from +X, as compass headings are).
/// </summary>
public readonly record struct Vec2(double X, double Y)
{
    public static Vec2 Zero => default;

    public double Length => Math.Sqrt((X * X) + (Y * Y));

    public double LengthSquared => (X * X) + (Y * Y);

    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Vec2 operator -(Vec2 a) => new(-a.X, -a.Y);

    public static Vec2 operator *(Vec2 a, double s) => new(a.X * s, a.Y * s);

    public static Vec2 operator *(double s, Vec2 a) => new(a.X * s, a.Y * s);

    public static Vec2 operator /(Vec2 a, double s) => new(a.X / s, a.Y / s);

    public static double Dot(Vec2 a, Vec2 b) => (a.X * b.X) + (a.Y * b.Y);

    /// <summary>z of the 3-D cross product: positive when b is counter-clockwise from a (X right, Y up).</summary>
    public static double Cross(Vec2 a, Vec2 b) => (a.X * b.Y) - (a.Y * b.X);

    public static double Distance(Vec2 a, Vec2 b) => (a - b).Length;

    /// <summary>Unit vector of a compass heading: X = cos, Y = sin (north, east for NED).</summary>
    public static Vec2 FromHeading(double headingRad) => new(Math.Cos(headingRad), Math.Sin(headingRad));

    public Vec2 Normalized()
    {
        double length = Length;
        return length > 0 ? new Vec2(X / length, Y / length) : default;
    }

    /// <summary>Rotated +90° (X → Y).</summary>
    public Vec2 Perpendicular() => new(-Y, X);

}
