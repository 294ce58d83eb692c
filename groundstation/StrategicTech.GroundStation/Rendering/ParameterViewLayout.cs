using SkiaSharp;
using StrategicTech.GroundStation.App;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>Where the parameter view's boxes sit: toolbar (search, refresh, file, save, load) under the tabs, the list, the editor at the bottom.</summary>
public static class ParameterViewLayout
{
    public const float ToolbarTop = 48;
    public const float ToolbarHeight = 28;

    public static SKRect SearchBox => new(10, ToolbarTop, 230, ToolbarTop + ToolbarHeight);

    public static SKRect RefreshButton => new(240, ToolbarTop, 336, ToolbarTop + ToolbarHeight);

    public static SKRect FileBox(float width) => new(346, ToolbarTop, Math.Max(500, width - 220), ToolbarTop + ToolbarHeight);

    public static SKRect SaveButton(float width) => new(FileBox(width).Right + 10, ToolbarTop, FileBox(width).Right + 100, ToolbarTop + ToolbarHeight);

    public static SKRect LoadButton(float width) => new(SaveButton(width).Right + 10, ToolbarTop, SaveButton(width).Right + 100, ToolbarTop + ToolbarHeight);

    /// <summary>The progress bar under the toolbar.</summary>
    public static SKRect Progress(float width) => new(10, ToolbarTop + ToolbarHeight + 8, width - 10, ToolbarTop + ToolbarHeight + 22);

    /// <summary>A vehicle selector chip (top left, beside the tabs).</summary>
    public static SKRect VehicleChip(int i) => new(10 + (i * 54), 8, 60 + (i * 54), 36);

    public static SKRect Editor(float width, float height) => new(10, height - 80, width - 10, height - 10);

    public static SKRect EditBox(SKRect editor) => new(editor.Left + 260, editor.Top + 8, editor.Left + 520, editor.Top + 36);

    public static SKRect SendButton(SKRect editor) => new(editor.Left + 530, editor.Top + 8, editor.Left + 620, editor.Top + 36);

    public static void AddToolbar(float width, List<UiButton> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Add(new UiButton(UiAction.FocusSearch, SearchBox, "SEARCH"));
        into.Add(new UiButton(UiAction.RefreshParameters, RefreshButton, "REFRESH"));
        into.Add(new UiButton(UiAction.FocusFile, FileBox(width), "FILE"));
        into.Add(new UiButton(UiAction.SaveParameters, SaveButton(width), "SAVE"));
        into.Add(new UiButton(UiAction.LoadParameters, LoadButton(width), "LOAD"));
    }
}
