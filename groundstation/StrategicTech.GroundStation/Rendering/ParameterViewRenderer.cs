using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Parameters;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>Draws the parameter view: toolbar, download progress, the filtered list with each row's edit state, and the editor.</summary>
public sealed class ParameterViewRenderer(Theme theme)
{
    private static readonly SKColor Background = new(22, 26, 31);
    private static readonly SKColor RowAlt = new(30, 35, 42);
    private static readonly SKColor SelectedRow = new(60, 80, 110);
    private static readonly SKColor Ok = new(90, 220, 110);
    private static readonly SKColor Warn = new(255, 190, 60);
    private static readonly SKColor Bad = new(255, 80, 70);

    public void Draw(SKCanvas canvas, ParameterViewController ui)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(ui);
        float w = ui.Width;
        float h = ui.Height;
        canvas.Clear(Background);
        ButtonPainter.DrawTabs(canvas, theme, ui.Buttons, ViewKind.Parameters);
        DrawVehicleChips(canvas, ui);
        ButtonPainter.DrawTextBox(canvas, theme, ParameterViewLayout.SearchBox, ui.Search.Text, "search name", ui.Focus == ParameterFocus.Search);
        ButtonPainter.DrawButton(canvas, theme, ParameterViewLayout.RefreshButton, "REFRESH");
        ButtonPainter.DrawTextBox(canvas, theme, ParameterViewLayout.FileBox(w), ui.FilePath.Text, ".params file", ui.Focus == ParameterFocus.File);
        ButtonPainter.DrawButton(canvas, theme, ParameterViewLayout.SaveButton(w), "SAVE");
        ButtonPainter.DrawButton(canvas, theme, ParameterViewLayout.LoadButton(w), "LOAD");
        DrawProgress(canvas, ui);
        DrawList(canvas, ui);
        DrawEditor(canvas, ui);
    }

    private void DrawVehicleChips(SKCanvas canvas, ParameterViewController ui)
    {
        for (int i = 0; i < ui.Fleet.Vehicles.Count; i++)
        {
            VehicleState v = ui.Fleet.Vehicles[i];
            SKRect chip = ParameterViewLayout.VehicleChip(i);
            theme.Fill.Color = ReferenceEquals(v, ui.Fleet.Selected) ? SelectedRow : RowAlt;
            canvas.DrawRoundRect(chip, 4, 4, theme.Fill);
            theme.DrawText(canvas, v.SystemId.ToString(CultureInfo.InvariantCulture), chip.MidX, chip.MidY + 5, v.LinkLost ? Bad : SKColors.White, theme.Font, SKTextAlign.Center);
        }
    }

    private void DrawProgress(SKCanvas canvas, ParameterViewController ui)
    {
        SKRect bar = ParameterViewLayout.Progress(ui.Width);
        theme.FillRect(canvas, bar, RowAlt);
        VehicleParameterTable? table = ui.Table;
        string text;
        if (table is null)
        {
            text = "no vehicle yet (waiting for HEARTBEAT)";
        }
        else
        {
            theme.FillRect(canvas, new SKRect(bar.Left, bar.Top, bar.Left + (float)(bar.Width * table.Progress), bar.Bottom), table.Download == DownloadState.Failed ? Bad : new SKColor(40, 110, 190));
            text = table.Download switch
            {
                DownloadState.Idle => string.Create(CultureInfo.InvariantCulture, $"{table.Rows.Count} parameters known — REFRESH downloads all"),
                DownloadState.Downloading => string.Create(CultureInfo.InvariantCulture, $"downloading {table.ReceivedCount} / {table.ExpectedCount}"),
                DownloadState.Complete => string.Create(CultureInfo.InvariantCulture, $"downloaded {table.DownloadMessage}"),
                _ => "download failed: " + table.DownloadMessage,
            };
        }

        theme.DrawText(canvas, text, bar.Left + 6, bar.Bottom - 3, SKColors.White, theme.SmallFont);
        theme.DrawText(canvas, string.Create(CultureInfo.InvariantCulture, $"{ui.Visible.Count} shown"), bar.Right - 6, bar.Bottom - 3, SKColors.LightGray, theme.SmallFont, SKTextAlign.Right);
    }

    private void DrawList(SKCanvas canvas, ParameterViewController ui)
    {
        ParameterRow? selected = ui.Selected;
        int capacity = ui.VisibleRowCapacity;
        float valueX = 260;
        float typeX = 420;
        float noteX = 470;
        for (int i = 0; i < capacity && ui.Scroll + i < ui.Visible.Count; i++)
        {
            ParameterRow row = ui.Visible[ui.Scroll + i];
            float top = ParameterViewController.ListTop + (i * ParameterViewController.RowHeight);
            var rect = new SKRect(10, top, ui.Width - 10, top + ParameterViewController.RowHeight);
            if (ReferenceEquals(row, selected))
            {
                theme.FillRect(canvas, rect, SelectedRow);
            }
            else if ((ui.Scroll + i) % 2 == 1)
            {
                theme.FillRect(canvas, rect, RowAlt);
            }

            float baseline = top + 15;
            theme.DrawText(canvas, row.Name, 16, baseline, SKColors.White, theme.Font);
            theme.DrawText(canvas, ParameterText.Format(row.Value), valueX, baseline, SKColors.White, theme.Font);
            theme.DrawText(canvas, ParameterText.ShortName(row.Value.Type), typeX, baseline, SKColors.LightGray, theme.SmallFont);
            if (row.State != ParameterEditState.Synced)
            {
                SKColor color = row.State switch
                {
                    ParameterEditState.Accepted => Ok,
                    ParameterEditState.Sending => Warn,
                    _ => Bad,
                };
                theme.DrawText(canvas, row.Note, noteX, baseline, color, theme.SmallFont);
            }
        }
    }

    private void DrawEditor(SKCanvas canvas, ParameterViewController ui)
    {
        SKRect editor = ParameterViewLayout.Editor(ui.Width, ui.Height);
        theme.FillRect(canvas, editor, new SKColor(0, 0, 0, 170));
        ParameterRow? row = ui.Selected;
        string caption = row is null ? "click a parameter to edit it" : row.Name + " (" + ParameterText.ShortName(row.Value.Type) + ") =";
        theme.DrawText(canvas, caption, editor.Left + 10, editor.Top + 27, SKColors.White, theme.Font);
        ButtonPainter.DrawTextBox(canvas, theme, ParameterViewLayout.EditBox(editor), ui.Edit.Text, "value", ui.Focus == ParameterFocus.Edit);
        ButtonPainter.DrawButton(canvas, theme, ParameterViewLayout.SendButton(editor), "SEND");
        if (ui.Message.Length > 0)
        {
            theme.DrawText(canvas, ui.Message, editor.Left + 10, editor.Bottom - 10, ui.MessageIsError ? Bad : Ok, theme.SmallFont);
        }
    }
}
