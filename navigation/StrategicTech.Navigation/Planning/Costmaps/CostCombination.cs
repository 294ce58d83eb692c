namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>How a layer's grid is merged into the master inside a window.</summary>
internal static class CostCombination
{
    /// <summary>Nav2 updateWithMax: a layer's unknown cell is skipped; a master unknown or lower cell takes the layer's value.</summary>
    public static void Max(ReadOnlySpan<byte> layer, Span<byte> master, int width, CellWindow window)
    {
        for (int y = window.MinY; y <= window.MaxY; y++)
        {
            int end = (y * width) + window.MaxX;
            for (int i = (y * width) + window.MinX; i <= end; i++)
            {
                byte v = layer[i];
                if (v == CostValues.Unknown)
                {
                    continue;
                }

                byte m = master[i];
                if (m == CostValues.Unknown || m < v)
                {
                    master[i] = v;
                }
            }
        }
    }
}
