namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Turns a grid path into something a controller can follow: shortcutting against the grid (line of sight, so never
/// through a lethal or inscribed cell of a costmap grid), resampling at a fixed spacing, and headings along the path.
/// All into caller-owned spans: no allocation.
/// </summary>
public static class PathPostProcessing
{
    /// <summary>
    /// Greedy string pulling: keeps a waypoint only where the straight segment from the last kept one to the next
    /// would lose sight. Returns the number of cells written to <paramref name="output"/> (start and goal kept).
    /// </summary>
    public static int Shortcut(SearchGrid grid, ReadOnlySpan<GridCell> path, Span<GridCell> output)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (path.Length == 0)
        {
            return 0;
        }

        if (output.Length < Math.Min(path.Length, 2))
        {
            throw new ArgumentException("output span is too short", nameof(output));
        }

        int count = 0;
        output[count++] = path[0];
        GridCell anchor = path[0];
        for (int k = 1; k < path.Length - 1; k++)
        {
            if (!LineOfSight.IsClear(grid, anchor, path[k + 1]))
            {
                output[count++] = path[k];
                anchor = path[k];
            }
        }

        if (path.Length > 1)
        {
            output[count++] = path[^1];
        }

        return count;
    }

    /// <summary>Length of a polyline.</summary>
    public static double Length(ReadOnlySpan<(double X, double Y)> points)
    {
        double length = 0;
        for (int k = 1; k < points.Length; k++)
        {
            length += Math.Sqrt(Square(points[k].X - points[k - 1].X) + Square(points[k].Y - points[k - 1].Y));
        }

        return length;
    }

    /// <summary>
    /// Points every <paramref name="spacing"/> along the polyline from its start, plus its end, each with the heading
    /// of the segment it lies on (the last segment's for the end). Returns the count written; throws if
    /// <paramref name="output"/> is too short (⌈length/spacing⌉ + 1 always suffices).
    /// </summary>
    public static int Resample(ReadOnlySpan<(double X, double Y)> points, double spacing, Span<PathPose> output)
    {
        if (!(spacing > 0) || double.IsInfinity(spacing))
        {
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "spacing must be a positive finite number");
        }

        if (points.Length == 0)
        {
            return 0;
        }

        int count = 0;
        double heading = 0;
        double nextAt = 0;   // arc length of the next sample
        double travelled = 0;
        for (int k = 1; k < points.Length; k++)
        {
            double dx = points[k].X - points[k - 1].X, dy = points[k].Y - points[k - 1].Y;
            double segment = Math.Sqrt((dx * dx) + (dy * dy));
            if (segment == 0)
            {
                continue;
            }

            heading = Math.Atan2(dy, dx);
            while (nextAt <= travelled + segment - (1e-9 * spacing))
            {
                double t = (nextAt - travelled) / segment;
                Put(output, ref count, new PathPose(points[k - 1].X + (t * dx), points[k - 1].Y + (t * dy), heading));
                nextAt += spacing;
            }

            travelled += segment;
        }

        PathPose last = count > 0 ? output[count - 1] : default;
        bool endAlreadySampled = count > 0 && Math.Abs(last.X - points[^1].X) + Math.Abs(last.Y - points[^1].Y) < 1e-9 * spacing;
        if (!endAlreadySampled)
        {
            Put(output, ref count, new PathPose(points[^1].X, points[^1].Y, heading));
        }

        return count;
    }

    /// <summary>Writes the heading of each pose as the direction to the next one (the last keeps the previous heading).</summary>
    public static void AssignHeadings(Span<PathPose> poses)
    {
        for (int k = 0; k < poses.Length; k++)
        {
            double heading = k + 1 < poses.Length
                ? Math.Atan2(poses[k + 1].Y - poses[k].Y, poses[k + 1].X - poses[k].X)
                : k > 0 ? poses[k - 1].HeadingRad : poses[k].HeadingRad;
            poses[k] = poses[k] with { HeadingRad = heading };
        }
    }

    private static void Put(Span<PathPose> output, ref int count, PathPose pose)
    {
        if (count >= output.Length)
        {
            throw new ArgumentException("output span is too short for the resampled path", nameof(output));
        }

        output[count++] = pose;
    }

    private static double Square(double v) => v * v;
}
