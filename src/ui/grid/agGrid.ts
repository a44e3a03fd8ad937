import {
  CellApiModule,
  CellStyleModule,
  ColumnApiModule,
  RowApiModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnAutoSizeModule,
  createGrid,
  ModuleRegistry,
  PinnedRowModule,
  RenderApiModule,
  RowStyleModule,
  SelectEditorModule,
  TextEditorModule,
  themeQuartz,
  TooltipModule,
  type GridApi,
  type GridOptions,
} from 'ag-grid-community';

// Only the modules the app uses, so the grid chunk stays small. A grid API method whose module is
// missing does nothing but log error #200: exports walk the rows with forEachNodeAfterFilterAndSort
// (ClientSideRowModelApiModule), read cells with getCellValue (CellApiModule) and columns with
// getAllDisplayedColumns (ColumnApiModule); rows updated in place are redrawn with refreshCells
// (RenderApiModule). The e2e tests fail on any grid error in the console.
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  TextEditorModule,
  SelectEditorModule,
  CellStyleModule,
  RowStyleModule,
  PinnedRowModule,
  TooltipModule,
  ColumnAutoSizeModule,
  RowApiModule,
  ColumnApiModule,
  CellApiModule,
  RenderApiModule,
]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  spacing: 6,
  accentColor: '#2563eb',
  headerBackgroundColor: '#f1f5f9',
  wrapperBorderRadius: 8,
});

export { createGrid, type GridApi, type GridOptions };
