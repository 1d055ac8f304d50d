use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use yew::prelude::*;

use crate::api::{Api, Page};
use crate::errors::Problem;

/// Fetches one page: the client, the list's key and the token of the page.
pub(crate) type PageFetch<K, T> =
    fn(Rc<Api>, K, Option<String>) -> Pin<Box<dyn Future<Output = Result<Page<T>, Problem>>>>;

/// A list loaded page by page.
#[derive(Clone, PartialEq)]
pub(crate) struct Paged<T: Clone + PartialEq> {
    /// Everything loaded so far.
    pub items: Rc<Vec<T>>,
    /// The token of the next page, when there is one.
    pub next_token: Option<String>,
    /// A page is in flight.
    pub loading: bool,
    /// The last failure.
    pub problem: Option<Problem>,
    /// Loads the next page.
    pub load_more: Callback<()>,
}

/// Loads the first page of the list `key` (when given) and the next ones on `load_more`.
#[hook]
pub fn use_paged<K, T>(api: Option<Rc<Api>>, key: Option<K>, fetch: PageFetch<K, T>) -> Paged<T>
where
    K: Clone + PartialEq + 'static,
    T: Clone + PartialEq + 'static,
{
    let items = use_state(|| Rc::new(Vec::<T>::new()));
    let next_token = use_state(|| None::<String>);
    let loading = use_state(|| false);
    let problem = use_state(|| None::<Problem>);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u32)));

    let load = {
        let (items, next_token, loading, problem) = (
            items.clone(),
            next_token.clone(),
            loading.clone(),
            problem.clone(),
        );
        let generation = generation.clone();
        move |api: Rc<Api>, key: K, token: Option<String>, existing: Rc<Vec<T>>| {
            let gen = generation.borrow().get();
            let current = generation.borrow().clone();
            loading.set(true);
            problem.set(None);
            let (items, next_token, loading, problem) = (
                items.clone(),
                next_token.clone(),
                loading.clone(),
                problem.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = fetch(api, key, token).await;
                if current.get() != gen {
                    return;
                }
                loading.set(false);
                match result {
                    Ok((page, token)) => {
                        let mut all = (*existing).clone();
                        all.extend(page);
                        items.set(Rc::new(all));
                        next_token.set(token);
                    }
                    Err(p) => problem.set(Some(p)),
                }
            });
        }
    };

    {
        let load = load.clone();
        let (items, next_token, problem) = (items.clone(), next_token.clone(), problem.clone());
        let generation = generation.clone();
        use_effect_with((api.clone(), key.clone()), move |(api, key)| {
            let g = generation.borrow().clone();
            g.set(g.get().wrapping_add(1));
            items.set(Rc::new(Vec::new()));
            next_token.set(None);
            problem.set(None);
            if let (Some(api), Some(key)) = (api.clone(), key.clone()) {
                load(api, key, None, Rc::new(Vec::new()));
            }
        });
    }

    let load_more = {
        let (items, next_token, loading) = (items.clone(), next_token.clone(), loading.clone());
        Callback::from(move |()| {
            if *loading {
                return;
            }
            if let (Some(api), Some(key), Some(token)) =
                (api.clone(), key.clone(), (*next_token).clone())
            {
                load(api, key, Some(token), (*items).clone());
            }
        })
    };

    Paged {
        items: (*items).clone(),
        next_token: (*next_token).clone(),
        loading: *loading,
        problem: (*problem).clone(),
        load_more,
    }
}
