namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>Guards that a layer's grid and the master it writes into have the same size.</summary>
internal static class LayerGeometry
{
    public static void EnsureSameSize(Costmap2D master, int width, int height, string layer)
    {
        if (master.Width != width || master.Height != height)
        {
            ThrowMismatch(master, width, height, layer);
        }
    }

    private static void ThrowMismatch(Costmap2D master, int width, int height, string layer) =>
        throw new ArgumentException($"{layer} is {width}x{height} cells but the master costmap is {master.Width}x{master.Height}", nameof(master));
}
