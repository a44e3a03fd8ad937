import type { Plan } from '../engine/types';
import { PlannerDb } from '../persistence/db';
import { readJournal } from '../persistence/journal';
import { PlanRepo, type PlanSummary } from '../persistence/planRepo';
import { EngineClient } from '../workers/engineClient';
import { i18n, t } from './i18n.svelte';
import { newId } from './ids';
import { PlanSession } from './planSession.svelte';
import { router } from './router.svelte';
import { toasts } from './toasts.svelte';
import type { TemplateId } from '../engine/templates';

function localStorageOrNull(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/** App-wide state: the plan list, the open plan, storage. */
export class AppState {
  repo: PlanRepo | null = null;
  engine = new EngineClient();
  plans = $state.raw<PlanSummary[]>([]);
  session = $state.raw<PlanSession | null>(null);
  ready = $state(false);
  storageError = $state<string | null>(null);
  openError = $state<string | null>(null);

  async init(): Promise<void> {
    try {
      const db = new PlannerDb();
      await db.open();
      this.repo = new PlanRepo(db);
      void this.repo.purgeDeleted(Date.now());
      await this.refreshList();
    } catch (e) {
      this.repo = null;
      this.storageError = e instanceof Error ? e.message : String(e);
    }
    this.ready = true;
  }

  async refreshList(): Promise<void> {
    if (this.repo) this.plans = await this.repo.list();
  }

  async openPlan(id: string): Promise<void> {
    if (this.session?.plan.id === id) return;
    await this.closePlan();
    this.openError = null;
    const loaded = this.repo ? await this.repo.load(id) : null;
    if (!loaded) {
      this.openError = t('error.notFound');
      return;
    }
    let { plan } = loaded;
    let { undo, redo } = loaded.history;
    // A tab closed before IndexedDB committed left its last edits in the journal.
    const journal = readJournal(localStorageOrNull(), id);
    const recovered = journal !== null && journal.plan.updatedAt > plan.updatedAt;
    if (journal && recovered) ({ plan, undo, redo } = journal);
    this.session = new PlanSession(plan, undo, redo, this.repo, this.engine);
    if (recovered) {
      this.session.saveStatus = 'pending';
      this.session.markDirty();
      void this.session.flush();
    }
  }

  async closePlan(): Promise<void> {
    const s = this.session;
    if (!s) return;
    await s.flush();
    this.session = null;
    await this.refreshList();
  }

  async createFromTemplate(template: TemplateId): Promise<string> {
    const { createPlanFromTemplate } = await import('../engine/templates');
    const plan: Plan = createPlanFromTemplate(template, { id: newId('p'), now: Date.now(), locale: i18n.locale });
    if (this.repo) await this.repo.create(plan);
    await this.refreshList();
    if (!this.repo) this.session = new PlanSession(plan, [], [], null, this.engine);
    router.go({ view: 'plan', id: plan.id, tab: 'channels' });
    return plan.id;
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) {
      toasts.show(t('home.nameRequired'), 'error');
      return;
    }
    if (this.session?.plan.id === id) {
      this.session.edit('rename', [{ path: ['name'], value: trimmed }]);
      await this.session.flush();
    } else await this.repo?.rename(id, trimmed, Date.now());
    await this.refreshList();
  }

  async duplicate(id: string): Promise<void> {
    const source = this.plans.find((p) => p.id === id);
    if (!this.repo || !source) return;
    await this.repo.duplicate(id, newId('p'), t('home.copyOf', { name: source.name }), Date.now());
    await this.refreshList();
  }

  async remove(id: string): Promise<void> {
    const source = this.plans.find((p) => p.id === id);
    if (!this.repo || !source) return;
    if (this.session?.plan.id === id) await this.closePlan();
    await this.repo.remove(id, Date.now());
    await this.refreshList();
    toasts.show(t('home.deleted', { name: source.name }), 'info', {
      label: t('toast.undo'),
      run: () => void this.repo?.restore(id).then(() => this.refreshList()),
    }, 10_000);
  }
}

export const app = new AppState();
