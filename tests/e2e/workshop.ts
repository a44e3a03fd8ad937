import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import type { Planner } from './planner';

/**
 * A new scenario with one slider on the first channel's spend, then the workshop opened on it.
 * `yes` is "Yes" in the page's language, as a planner pastes it into the slider column.
 */
export async function workshopWithSlider(page: Page, p: Planner, yes: string): Promise<void> {
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('adjustment-add').click();
  await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(1);
  await page.getByTestId('adjustment-grid').locator('.ag-row[row-index="0"] [col-id="slider"]').first().click();
  await p.paste('adjustment-grid', yes);
  await expect(page.getByTestId('slider')).toHaveCount(1);
  await page.getByTestId('open-workshop').click();
  await expect(page.getByTestId('workshop')).toBeVisible();
}

/** Opens the projector window from the open workshop; it shows the plan's net revenue as the plan view does. */
export async function openProjector(page: Page, context: BrowserContext, p: Planner): Promise<Page> {
  const popup = context.waitForEvent('page');
  await page.getByTestId('workshop-projector').click();
  const projector = await popup;
  await expect(projector.getByTestId('projector')).toBeVisible();
  await expect(projector.getByTestId('kpi-netRevenue-value')).toHaveAttribute('data-value', String(await p.kpi('netRevenue')));
  return projector;
}
