namespace StrategicTech.Navigation.Planning.Coverage;

/// <summary>Sorted, disjoint closed intervals on a line (planning-time helper; allocates).</summary>
internal static class IntervalSet
{
    public static List<(double Lo, double Hi)> Merge(List<(double Lo, double Hi)> intervals)
    {
        intervals.Sort(static (a, b) => a.Lo.CompareTo(b.Lo));
        var merged = new List<(double Lo, double Hi)>(intervals.Count);
        foreach ((double lo, double hi) in intervals)
        {
            if (merged.Count > 0 && lo <= merged[^1].Hi)
            {
                merged[^1] = (merged[^1].Lo, Math.Max(merged[^1].Hi, hi));
            }
            else
            {
                merged.Add((lo, hi));
            }
        }

        return merged;
    }

    /// <summary>a minus the open interiors of b (both merged): cut points stay in the result as piece ends.</summary>
    public static List<(double Lo, double Hi)> Subtract(List<(double Lo, double Hi)> a, List<(double Lo, double Hi)> b)
    {
        var result = new List<(double Lo, double Hi)>();
        foreach ((double lo, double hi) in a)
        {
            if (lo == hi)
            {
                if (!b.Exists(x => x.Lo < lo && lo < x.Hi))
                {
                    result.Add((lo, hi));
                }

                continue;
            }

            double cursor = lo;
            foreach ((double blo, double bhi) in b)
            {
                if (bhi <= cursor)
                {
                    continue;
                }

                if (blo >= hi)
                {
                    break;
                }

                if (blo > cursor)
                {
                    result.Add((cursor, blo));
                }

                cursor = bhi;
            }

            if (cursor < hi)
            {
                result.Add((cursor, hi));
            }
        }

        return result;
    }

    public static List<(double Lo, double Hi)> Intersect(List<(double Lo, double Hi)> a, List<(double Lo, double Hi)> b)
    {
        var result = new List<(double Lo, double Hi)>();
        foreach ((double alo, double ahi) in a)
        {
            foreach ((double blo, double bhi) in b)
            {
                double lo = Math.Max(alo, blo);
                double hi = Math.Min(ahi, bhi);
                if (lo < hi)
                {
                    result.Add((lo, hi));
                }
            }
        }

        return result;
    }
}
